// @ts-check
// Layout fixes for the print page: handlers that change where Paged.js 0.4.3 breaks pages and
// keeps notes (registered by `window.__briefRegisterHandlers`, called from PagedConfig.before),
// and the soft-hyphen settling done on the finished pages before printing. Everything here
// changes the page; the readings that check the result are in readings.js. The handlers lean
// on that exact Paged.js version (its API is declared in globals.d.ts): check them again before
// the pin in package.json moves.
//
// A classic script injected by src/render/print/pdf.ts after readings.js, whose linesIn, ownText and
// textNodes it uses, and floats.js, whose settleFloats it calls before its own moves of a page
// break: all share the page's one global scope, and tsconfig.in-page.json checks them that way.
'use strict'

// Paged.js lays out one page per animation frame and waits for idle time between steps: 16.7 ms
// a frame at 60 Hz in which nothing is painted (every measurement it takes forces layout
// itself), a tenth of an example brief's layout. Both now run as the next task. Installed when
// this script runs, before the paginator is added, which takes the functions as it loads.
;(() => {
  const channel = new MessageChannel()
  /** @type {Array<() => void>} */
  const queue = []
  channel.port1.onmessage = () => queue.shift()?.()
  /** @param {() => void} task */
  const next = (task) => {
    queue.push(task)
    channel.port2.postMessage(null)
  }
  window.requestAnimationFrame = (callback) => {
    next(() => callback(performance.now()))
    return 0
  }
  window.requestIdleCallback = (callback) => {
    next(() => callback({ didTimeout: false, timeRemaining: () => 50 }))
    return 0
  }
})()

/**
 * Once the pages are laid out: a soft hyphen where a line breaks is drawn as a hyphen and
 * becomes one ("cor-" / "ridors"); every other soft hyphen is invisible and is removed, so
 * the PDF's text layer holds whole words for copying and searching. Neither changes a line:
 * a drawn soft hyphen is the same glyph, an undrawn one has no width. The paginator's own
 * hyphen where a page breaks inside a word becomes the same hyphen.
 * @returns {number} how many soft hyphens were settled
 */
window.__briefSettleSoftHyphens = () => {
  let count = 0
  const root = document.querySelector('.pagedjs_pages') || document.body
  const all = textNodes(root)
  const range = document.createRange()
  /**
   * The box of the visible character at `index` of `all[n]`, or the next one drawn after it.
   * @param {number} n
   * @param {number} index
   * @param {1 | -1} step
   */
  const boxAt = (n, index, step) => {
    for (let k = n, i = index; k >= 0 && k < all.length; k += step, i = step > 0 ? 0 : (all[k + step] || { length: 0 }).length - 1) {
      const node = /** @type {Text} */ (all[k])
      const text = node.textContent
      for (; i >= 0 && i < text.length; i += step) {
        if (/[\s\u00ad]/.test(text.charAt(i))) continue
        range.setStart(node, i)
        range.setEnd(node, i + 1)
        // A character right after a break can report a box at the end of the line before
        // as well (where the hyphen is drawn); its own box is the last one. So it is looking
        // back too: in "mech-a-nism" broken after "mech", the "a" starts the next line, and
        // its first box would have put a second hyphen after it, mid-line.
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0)
        const rect = rects[rects.length - 1]
        if (rect) return rect
      }
    }
    return undefined
  }
  /** The last run of letters measured, kept for the other soft hyphens of the same word. */
  let run = { node: /** @type {Text | null} */ (null), start: 0, end: 0, whole: false }
  /**
   * Whether the soft hyphen at `index` lies inside a run of letters drawn in one piece, on
   * one line: then no line breaks at it, known without measuring its neighbours one by one
   * (most soft hyphens are so).
   */
  const insideUnbrokenWord = (/** @type {Text} */ node, /** @type {number} */ index) => {
    if (run.node !== node || index < run.start || index >= run.end) {
      const text = node.textContent
      let start = index
      let end = index + 1
      while (start > 0 && !/\s/.test(text.charAt(start - 1))) start--
      while (end < text.length && !/\s/.test(text.charAt(end))) end++
      range.setStart(node, start)
      range.setEnd(node, end)
      run = { node, start, end, whole: Array.from(range.getClientRects()).filter((r) => r.width > 0).length === 1 }
    }
    // A soft hyphen that opens or closes the run here has its neighbour in another node: measured as usual.
    return run.whole && index > run.start && index < run.end - 1
  }
  // Decide every soft hyphen first (from the layout as it is), then change the text: for each
  // one the width it is drawn with, 0 where no line breaks at it.
  const verdicts = all.map((node, n) =>
    Array.from(node.textContent.matchAll(/\u00ad/g), (m) => {
      if (insideUnbrokenWord(node, m.index)) return 0
      const before = boxAt(n, m.index - 1, -1)
      const after = boxAt(n, m.index + 1, 1)
      // A line breaks here when what follows starts below what precedes.
      if (!before || (after && after.top <= before.top + before.height / 2)) return 0
      range.setStart(node, m.index)
      range.setEnd(node, m.index + 1)
      const drawn = Array.from(range.getClientRects()).find((r) => r.width > 0)
      return drawn ? drawn.width : 0.001
    }),
  )
  all.forEach((node, n) => {
    const widths = verdicts[n]
    if (!widths || !widths.length) return
    count += widths.length
    const parts = node.textContent.split('\u00ad')
    if (!widths.some((w) => w > 0)) {
      node.textContent = parts.join('')
      return
    }
    // A drawn soft hyphen becomes a real one, the same glyph. Shaped apart from its word, it
    // can come out a hair wider than the line had room for (Chromium let the soft one overhang
    // the measure by a fraction of a pixel): then "agree-" no longer fits, the word goes to
    // the next line whole and every line after it in the paragraph moves ("agree-ment"
    // mid-line). Half a pixel is taken from the hyphen's advance, on its right, where nothing
    // follows it on the line; a margin would not do, as Chromium decides the break before it
    // applies the closing margin of the span.
    // Text between drawn hyphens stays one text node: split, "dif" and "fer" would lose the
    // ligature's second letter in the text layer ("diferences").
    const fragment = document.createDocumentFragment()
    let text = ''
    parts.forEach((part, i) => {
      text += part
      const width = widths[i]
      if (!width) return
      const hyphen = document.createElement('span')
      hyphen.className = 'line-end-hyphen'
      hyphen.textContent = '-'
      hyphen.style.letterSpacing = '-0.5px'
      fragment.append(text, hyphen)
      text = ''
    })
    fragment.append(text)
    node.replaceWith(fragment)
  })
  // Where a page breaks inside a word Paged.js ends the page's part with U+2011, which the
  // shipped fonts do not have (it was printed in a system font): it becomes our hyphen too.
  for (const node of textNodes(root)) {
    if (!node.data.endsWith('\u2011') || node.parentElement?.closest('.footnote')) continue
    const hyphen = document.createElement('span')
    hyphen.className = 'line-end-hyphen'
    hyphen.textContent = '-'
    hyphen.style.letterSpacing = '-0.5px'
    node.data = node.data.slice(0, -1)
    node.after(hyphen)
  }
  // Should half a pixel not be enough, each hyphen is checked in order and given up to two
  // pixels until its line breaks after it again.
  for (const hyphen of root.querySelectorAll('.line-end-hyphen')) {
    if (!(hyphen instanceof HTMLElement)) continue
    for (let pull = 1; pull <= 2 && !endsLine(hyphen); pull += 0.5) hyphen.style.letterSpacing = `-${pull}px`
  }
  return count
}

/**
 * Whether the text after a drawn hyphen starts on a later line (or page) than the hyphen.
 * @param {HTMLElement} hyphen
 */
function endsLine(hyphen) {
  const box = hyphen.getBoundingClientRect()
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  walker.currentNode = /** @type {Node} */ (hyphen.firstChild || hyphen)
  const range = document.createRange()
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = /** @type {Text} */ (node)
    if (text.parentElement?.closest('.footnote, .pagedjs_margin')) continue
    for (let i = 0; i < text.length; i++) {
      if (/[\s\u00ad]/.test(text.data.charAt(i))) continue
      range.setStart(text, i)
      range.setEnd(text, i + 1)
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0)
      const rect = rects[rects.length - 1]
      if (rect) return rect.top > box.top + box.height / 2
    }
  }
  return true
}

window.__briefRegisterHandlers = (Paged) => {
  // Paged.js checks a page for overflowing text before it knows how tall the page's notes will
  // be; a note added late can push the last lines of the page under the note area, where they
  // are cut off. After each page we look again and, if text overflows, move the break back so
  // the overflowing lines (and their notes) go to the next page. Paged.js's own
  // afterOverflowRemoved hook takes the notes of moved calls off this page.
  class RecheckOverflow extends Paged.Handler {
    /**
     * @param {HTMLElement} pageElement
     * @param {PagedPage} page
     * @param {PagedBreakToken | undefined} breakToken
     * @param {PagedChunker} chunker
     */
    afterPageLayout(pageElement, page, breakToken, chunker) {
      if (!breakToken || !page.layoutMethod) return
      const layout = page.layoutMethod
      // Measure against the text box as it is now, shortened by the notes, not as it was
      // when the page started.
      const content = pageElement.querySelector('.pagedjs_page_content')
      if (!content) return
      const bounds = content.getBoundingClientRect()
      if (!layout.hasOverflow(page.wrapper, bounds)) return
      let overflow = layout.findOverflow(page.wrapper, bounds)
      if (!overflow) return
      overflow = settleFloats(overflow, page.wrapper) || overflow
      overflow = wordBrokenAtLineEnd(overflow) || overflow
      overflow = avoidWidow(overflow) || overflow
      let token = layout.createBreakToken(overflow, page.wrapper, chunker.source)
      const start = overflow.startContainer
      const broken = breakToken.node
      if (!token && start instanceof Text && broken instanceof Text) {
        // Paged.js already cut this text node at its break (adding a hyphen), so it no longer
        // matches its source and Paged.js cannot map it back: count back from the break.
        const rendered = start.textContent.replace(/\u2011$/, '')
        const offset = breakToken.offset - (rendered.length - overflow.startOffset)
        const moved = rendered.slice(overflow.startOffset)
        if (offset >= 0 && broken.textContent.slice(offset, breakToken.offset) === moved) token = { node: broken, offset }
      }
      if (!token || !token.node) return
      const breakLetter = token.node instanceof Text ? token.node.textContent.charAt(token.offset) : undefined
      const removed = layout.removeOverflow(overflow, breakLetter)
      layout.hooks.afterOverflowRemoved.trigger(removed, page.wrapper, layout)
      breakToken.node = token.node
      breakToken.offset = token.offset
      window.__briefRechecks = (window.__briefRechecks || 0) + 1
    }
  }
  // When a note no longer fits, Paged.js breaks the page right before its call, leaving the
  // word the call belongs to on this page and starting the next page with a lone "⁶.". Move
  // such a break back to the start of that word, so word and call travel together. Then, if
  // the break would leave the last line of a paragraph alone at the head of the next page (a
  // widow), move it back one more line, as long as two lines stay on this page. Before all
  // that, the break goes where floated figures and headings need it (settleFloats, floats.js):
  // Paged.js takes only the last answer of its onOverflow handlers, so every move is made here.
  class KeepCallWithWord extends Paged.Handler {
    /**
     * @param {Range | undefined} overflow
     * @param {Element} rendered
     * @returns {Range | undefined} the break moved, or undefined to leave it
     */
    onOverflow(overflow, rendered) {
      if (!overflow || !overflow.startContainer) return
      const settled = settleFloats(overflow, rendered) || overflow
      const whole = wordBrokenAtLineEnd(settled) || settled
      const word = keepCallWithWord(whole)
      // Moving one word leaves a short last line that justification would stretch across the
      // measure: the whole line goes instead.
      const kept = (word && toLineStart(word)) || word || whole
      const guarded = avoidWidow(kept)
      return guarded || (kept !== overflow ? kept : undefined)
    }
  }
  // Paged.js puts its own (empty) call element right before a note and drops the note when
  // that element lies past the text box's right edge ("offscreen", to be laid out on the next
  // page), comparing without tolerance. After our call at the end of a justified line it sits
  // on that edge, a hundredth of a pixel past it: the call stayed on the page and its note
  // was lost. The paginator's footnote handler is replaced by a subclass that, for such a
  // call, adds the note after all, the way Paged.js adds a note whose call is already placed.
  const index = Paged.registeredHandlers.findIndex(isFootnotes)
  const Footnotes = Paged.registeredHandlers[index]
  /** The run's note handler, which FloatFigures asks to place the notes of a figure it moved. @type {PagedFootnotes | undefined} */
  let notes
  if (Footnotes && isFootnotes(Footnotes)) {
    class KeepEdgeNotes extends Footnotes {
      /**
       * @param {PagedChunker} chunker
       * @param {unknown} polisher
       * @param {unknown} caller
       */
      constructor(chunker, polisher, caller) {
        super(chunker, polisher, caller)
        notes = this
      }

      /**
       * A note that did not fit whole leaves its continuation queued for the next page. If a
       * later break takes its call there too, Paged.js takes the note's start off this page,
       * but the continuation stayed queued, and on the next page it kept the whole note, laid
       * out again with its call, from being placed: only the continuation was printed. It is
       * dropped from the queue; the call brings the whole note.
       * @override
       * @param {DocumentFragment} removed
       * @param {Element} rendered
       */
      afterOverflowRemoved(removed, rendered) {
        super.afterOverflowRemoved(removed, rendered)
        const moved = new Set(Array.from(removed.querySelectorAll('[data-footnote-call]'), (call) => call.getAttribute('data-footnote-call')))
        if (!moved.size) return
        for (const queued of this.needsLayout) {
          for (const note of Array.from(queued.children)) if (moved.has(note.getAttribute('data-ref'))) note.remove()
        }
        this.needsLayout = this.needsLayout.filter((queued) => queued.children.length > 0)
      }

      /**
       * @override
       * @param {HTMLElement} node
       * @param {Element | null} pageArea
       * @param {boolean} needsNoteCall
       */
      moveFootnote(node, pageArea, needsNoteCall) {
        // A note in a figure that floats to the next page (hidden where it stood, floats.js)
        // goes there with it, as a note whose call is past the page does.
        if (needsNoteCall && node.closest('[data-brief-float]')) {
          node.remove()
          return
        }
        // A note whose call has already run past the text box goes to the next page with it.
        // Paged.js placed it (its own text still started in the box) and sized the note area
        // from where that call stood, in the next column: most of the page.
        if (needsNoteCall && pageArea instanceof HTMLElement && callOutside(node, pageArea)) {
          node.remove()
          return
        }
        const line = needsNoteCall && pageArea instanceof HTMLElement ? callLine(node, pageArea) : undefined
        super.moveFootnote(node, pageArea, needsNoteCall)
        if (line && node.isConnected && pageArea instanceof HTMLElement) keepCallLine(node, pageArea, line)
        if (!needsNoteCall || node.isConnected || !pageArea) return
        const call = pageArea.querySelector(`[data-footnote-call="${node.dataset.ref}"]`)
        const area = pageArea.querySelector('.pagedjs_page_content')
        if (!call || !area) return
        const right = area.getBoundingClientRect().right
        if (call.getBoundingClientRect().left <= right + 1) super.moveFootnote(node, pageArea, false)
      }
    }
    Paged.registeredHandlers[index] = KeepEdgeNotes
  }
  // CSS counters number the pages (the footer's "N | Page") and, unused by us, Paged.js's note
  // calls and markers. Chromium brings every counter up to date across the whole document
  // each time Paged.js places a note and measures, so each note cost more as the pages grew
  // (on an 83-page brief, from 0.3 ms a style update on the first pages to 1.6 ms on the
  // last). While the pages are laid out no counter counts; once they are all laid out the
  // counters are back, in one update, before anything reads or prints the pages. Nothing in
  // the page area depends on them (the footer sits in the margin). The rule is added after
  // Paged.js has read the stylesheets, which takes counter-increment declarations out.
  class CountersAfterLayout extends Paged.Handler {
    afterParsed() {
      const style = document.createElement('style')
      style.id = 'brief-counters-after-layout'
      style.textContent = '* { counter-increment: none !important; }'
      document.head.append(style)
    }

    // Paged.js calls this once every page is laid out, before it says it is done.
    afterRendered() {
      document.getElementById('brief-counters-after-layout')?.remove()
    }
  }
  // Paged.js sets the height of a page's notes as a custom property on the page area, once
  // for every note it places. Custom properties are inherited, so each change restyled every
  // element of the page's text before the next measurement. Registered as not inherited, it
  // reaches only the two boxes that use it, the text box and the note area, which take it from
  // the page area explicitly: the same heights, a third less time restyling.
  class NoteHeightStaysLocal extends Paged.Handler {
    afterParsed() {
      const style = document.createElement('style')
      style.id = 'brief-note-height-local'
      style.textContent = `@property --pagedjs-footnotes-height { syntax: "<length>"; inherits: false; initial-value: 0px; }
        .pagedjs_area > .pagedjs_page_content, .pagedjs_area > .pagedjs_footnote_area { --pagedjs-footnotes-height: inherit; }`
      document.head.append(style)
    }
  }
  // Where a page starts inside a paragraph, Paged.js lays the rest of it out node by node. An
  // inline element (a note call, a note, a citation, a link, emphasis) it copies whole, then
  // goes on from the next node that is not all white space: a space standing alone between
  // two elements was skipped, on that page only ("finance.¹⁷Government of Pakistan¹⁸"; the
  // web page and the first page of a paragraph were right). The skipped space is put back
  // where Paged.js would have put it, at the end of what the page holds of its parent.
  class KeepSpaceAfterInline extends Paged.Handler {
    /**
     * @param {Node} clone
     * @param {Node} node
     * @param {PagedLayout} layout
     */
    renderNode(clone, node, layout) {
      if (!(node instanceof Element) || !copiedWhole.has(node.tagName)) return
      const space = node.nextSibling
      const parent = node.parentElement
      if (!(space instanceof Text) || !space.data || /[^\t\n\r ]/.test(space.data) || !parent) return
      const ref = parent.getAttribute('data-ref')
      // The paginator's note handler may already have moved `clone` to the note area: the
      // parent is found in the page's text, where the next node will go.
      const target = ref ? layout.element.querySelector(`[data-ref="${CSS.escape(ref)}"]`) : clone.parentElement
      if (target && !target.closest('.pagedjs_footnote_area')) target.append(space.cloneNode())
    }
  }
  // When a page break takes calls to the next page, Paged.js takes their notes off this page
  // but keeps the note area as tall as it made it for them (see shrinkNoteArea).
  class NoteAreaFollowsNotes extends Paged.Handler {
    /**
     * @param {DocumentFragment} removed
     * @param {Element} rendered
     */
    afterOverflowRemoved(removed, rendered) {
      shrinkNoteArea(removed, rendered)
    }
  }
  /** @type {((note: HTMLElement, pageArea: Element) => void) | undefined} */
  const placeNote = Footnotes && isFootnotes(Footnotes) ? (note, pageArea) => notes?.moveFootnote(note, pageArea, true) : undefined
  Paged.registerHandlers(RecheckOverflow, KeepCallWithWord, CountersAfterLayout, NoteHeightStaysLocal, KeepSpaceAfterInline, NoteAreaFollowsNotes, window.__briefFloatFigures(Paged, placeNote))
}

/**
 * The elements Paged.js 0.4.3 copies with their contents in one step (its `isContainer` is
 * false for them: utils/dom.js), after which it skips white-space-only text.
 */
const copiedWhole = new Set(
  'A ABBR ACRONYM B BDO BIG BR BUTTON CITE CODE DFN EM I IMG INPUT KBD LABEL MAP OBJECT Q SAMP SCRIPT SELECT SMALL SPAN STRONG SUB SUP TEXTAREA TIME TT VAR VIDEO CANVAS'.split(' '),
)

/**
 * A note's call on the page and the page's text box, as drawn now; undefined when either is
 * not there.
 * @param {HTMLElement} note
 * @param {HTMLElement} pageArea
 */
function callAndBox(note, pageArea) {
  const call = pageArea.querySelector(`sup.footnote-call[data-fn="${note.dataset.fn}"]`)
  const text = pageArea.querySelector('.pagedjs_page_content')
  if (!call || !text) return undefined
  return { call, at: call.getBoundingClientRect(), box: text.getBoundingClientRect() }
}

/**
 * Whether a note's call stands past the page's text box (in the next column, where the
 * paginator keeps what did not fit, or below it).
 * @param {HTMLElement} note
 * @param {HTMLElement} pageArea
 */
function callOutside(note, pageArea) {
  const found = callAndBox(note, pageArea)
  if (!found) return false
  const { at, box } = found
  return at.left >= box.right - 1 || at.top >= box.bottom - 1
}

/**
 * The bottom of the line a note's call stands on, while the call is inside the page's text
 * box; undefined when it is not.
 * @param {HTMLElement} note
 * @param {HTMLElement} pageArea
 * @returns {number | undefined}
 */
function callLine(note, pageArea) {
  const found = callAndBox(note, pageArea)
  if (!found) return undefined
  const { call, at, box } = found
  if (at.left >= box.right - 1 || at.bottom > box.bottom + 1) return undefined
  // The line's own box: the text before the call fills it, a raised call does not.
  const range = document.createRange()
  range.setStartBefore(call.previousSibling || call)
  range.setEndAfter(call)
  const bottom = Math.max(...Array.from(range.getClientRects(), (r) => (r.width > 0 && r.height > 0 ? r.bottom : -Infinity)))
  if (!Number.isFinite(bottom)) return undefined
  // On a paragraph's first line, with more of it to come, the next line must stay too: a
  // single line is not left at a page's foot (orphans: 2), so the whole paragraph would go.
  const paragraph = call.closest('p, li')
  if (!paragraph || paragraph.closest('.footnote')) return bottom
  const whole = document.createRange()
  whole.selectNodeContents(paragraph)
  const first = Array.from(whole.getClientRects()).find((r) => r.width > 0 && r.height > 0)
  const after = document.createRange()
  after.setStartAfter(call)
  after.setEnd(paragraph, paragraph.childNodes.length)
  const more = Array.from(after.getClientRects()).some((r) => r.width > 0 && r.height > 0 && (r.left >= box.right - 1 || r.top > bottom - 2))
  return first && Math.abs(first.bottom - bottom) < 3 && more ? bottom + parseFloat(getComputedStyle(paragraph).lineHeight) : bottom
}

/**
 * When a note is too long to fit whole, Paged.js sizes the note area to end just under its
 * call's line, the rest of the note running on to the next page; but it measures from the
 * element before its own call, which is our raised call number, not the line: the line ended
 * some pixels under the notes and went to the next page with its note, and the height given
 * to the note stayed behind: a hole of up to half a page. Here
 * the area gives the call's line back, if the note keeps room for some lines under the page's
 * other notes; else the call's line goes to the next page with it, as before, and
 * `shrinkNoteArea` takes the height back.
 * @param {HTMLElement} note
 * @param {HTMLElement} pageArea
 * @param {number} line the bottom of the call's line before the note was placed
 */
function keepCallLine(note, pageArea, line) {
  const text = pageArea.querySelector('.pagedjs_page_content')
  const inner = pageArea.querySelector('.pagedjs_footnote_inner_content')
  // Only where Paged.js gave the note area a height of its own (the note does not fit whole).
  if (!text || !(inner instanceof HTMLElement) || !inner.style.height.endsWith('px')) return
  const over = line - text.getBoundingClientRect().bottom
  if (over <= 0) return
  // A few pixels more than the line needs: once the note is split, Paged.js sizes the area
  // again from what of it stayed, rounding its margins, and takes up to two back.
  const give = over + 4
  // What is left under the page's other notes must hold three of its lines, or the whole of
  // a shorter note: with less, Paged.js moves the note whole to the next page, without its call.
  const lineHeight = parseFloat(getComputedStyle(note).lineHeight)
  const lines = Math.min(3, Math.round(note.getBoundingClientRect().height / lineHeight))
  if (inner.getBoundingClientRect().bottom - give - note.getBoundingClientRect().top < lines * lineHeight + 2) return
  const height = parseFloat(pageArea.style.getPropertyValue('--pagedjs-footnotes-height')) || 0
  pageArea.style.setProperty('--pagedjs-footnotes-height', `${height - give}px`)
  inner.style.height = `${parseFloat(inner.style.height) - give}px`
}

/**
 * After a page break moved calls to the next page and Paged.js took their notes off this
 * page, the note area is made as short as the notes left need: Paged.js kept the height it had
 * given them, and the text box stayed short by that much.
 * @param {DocumentFragment} removed
 * @param {Element} rendered
 */
function shrinkNoteArea(removed, rendered) {
  if (!removed.querySelector('[data-footnote-call], sup.footnote-call')) return
  const pageArea = rendered.closest('.pagedjs_area')
  const content = pageArea?.querySelector('.pagedjs_footnote_content')
  const inner = content?.querySelector('.pagedjs_footnote_inner_content')
  if (!(pageArea instanceof HTMLElement) || !(content instanceof HTMLElement) || !(inner instanceof HTMLElement)) return
  const current = parseFloat(pageArea.style.getPropertyValue('--pagedjs-footnotes-height'))
  if (!(current > 0)) return
  if (!inner.querySelector('.footnote')) {
    pageArea.style.removeProperty('--pagedjs-footnotes-height')
    inner.style.height = 'auto'
    content.classList.add('pagedjs_footnote_empty')
    return
  }
  const style = getComputedStyle(content)
  const around = ['marginTop', 'marginBottom', 'paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'].reduce((sum, side) => sum + (parseFloat(style.getPropertyValue(side.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))) || 0), 0)
  const kept = inner.style.height
  inner.style.height = 'auto'
  const needed = inner.getBoundingClientRect().height + around
  // Only ever shorter: a long note left on the page may still run on to the next.
  if (needed < current - 1) pageArea.style.setProperty('--pagedjs-footnotes-height', `${needed}px`)
  else inner.style.height = kept
}

/**
 * Whether a handler class is the paginator's footnote handler (found by its method: the
 * module does not export the class by name).
 * @param {PagedHandlerClass} Handler
 * @returns {Handler is PagedFootnotesClass}
 */
function isFootnotes(Handler) {
  /** @type {Partial<PagedFootnotes> | undefined} */
  const prototype = Handler.prototype
  return Boolean(prototype && typeof prototype.moveFootnote === 'function')
}

/**
 * The break moved back to the start of the word a note call belongs to, or undefined.
 * @param {Range} overflow
 */
function keepCallWithWord(overflow) {
  const first = firstNodeOf(overflow)
  const call = first && (first instanceof Element ? first : first.parentElement)
  const owner = call && call.closest('sup.footnote-call, [data-footnote-call], .footnote')
  if (!owner) return undefined
  const before = textBefore(owner)
  if (!before) return undefined
  const match = /\S+$/.exec(before.textContent)
  // A text node that is all one word may be the first thing on the page: leave it alone.
  if (!match || match.index === 0) return undefined
  const moved = overflow.cloneRange()
  moved.setStart(before, match.index)
  return moved
}

/**
 * A page break Paged.js put one letter into the line after a soft-hyphenated line end, moved
 * to the start of that line; undefined for any other break. The first letter of such a line
 * also reports the box of the hyphen drawn at the end of the line before, so Paged.js counted
 * it on this page and broke after it: "develop-" / "m-" at the page foot, "ent" on the next.
 * @param {Range} overflow
 */
function wordBrokenAtLineEnd(overflow) {
  const start = overflow.startContainer
  const at = overflow.startOffset
  if (!(start instanceof Text) || at <= 0 || at >= start.length) return undefined
  // Only inside a word: a letter on either side, no soft hyphen before.
  if (/[\s\u00ad]/.test(start.data.charAt(at - 1)) || /\s/.test(start.data.charAt(at))) return undefined
  const block = start.parentElement?.closest('p, li, dd, dt, figcaption, blockquote, td, th')
  if (!block || block.closest('.footnote')) return undefined
  const upTo = document.createRange()
  upTo.setStart(block, 0)
  upTo.setEnd(start, at + 1)
  const lines = linesIn(block, upTo)
  const line = lines[lines.length - 1]
  if (lines.length < 2 || !line || line.node !== start || line.offset >= at || !start.data.slice(line.offset - 1, line.offset).includes('\u00ad')) return undefined
  const moved = overflow.cloneRange()
  moved.setStart(start, line.offset)
  return moved
}

/**
 * The text paragraph a break falls in, and the part of it before the break.
 * @param {Range} range
 */
function paragraphAt(range) {
  const start = range.startContainer
  const paragraph = (start instanceof Element ? start : start.parentElement)?.closest('p')
  if (!paragraph || paragraph.closest('.footnote')) return undefined
  const before = document.createRange()
  before.setStart(paragraph, 0)
  before.setEnd(range.startContainer, range.startOffset)
  return { paragraph, before }
}

/**
 * A break inside a line moved back to the start of that line, if two lines stay before it.
 * @param {Range} range
 */
function toLineStart(range) {
  const at = paragraphAt(range)
  if (!at) return undefined
  const lines = linesIn(at.paragraph, at.before)
  const line = lines[lines.length - 1]
  if (lines.length < 3 || !line) return undefined
  const moved = range.cloneRange()
  moved.setStart(line.node, line.offset)
  return moved
}

/**
 * Characters of the paragraph's own text (no calls, no notes, no soft hyphens) within `range`.
 * @param {Element} paragraph
 * @param {Range} range
 */
function plainLength(paragraph, range) {
  let length = 0
  ownText(paragraph, range, (node, from, to) => {
    length += node.textContent.slice(from, to).replace(/\u00ad/g, '').length
  })
  return length
}

/**
 * The break moved back one line when it would leave a paragraph's last line alone, or undefined.
 * @param {Range} overflow
 */
function avoidWidow(overflow) {
  const at = paragraphAt(overflow)
  if (!at) return undefined
  const { paragraph, before } = at
  const lines = linesIn(paragraph, before)
  const last = lines[lines.length - 1]
  // Two lines must stay behind, or the widow would only become an orphan.
  if (lines.length < 3 || !last) return undefined
  // What follows the break is measured in characters, not laid-out lines: notes still stand
  // inline there and stretch it over lines it will not take once they are moved.
  const after = document.createRange()
  after.setStart(overflow.startContainer, overflow.startOffset)
  after.setEnd(paragraph, paragraph.childNodes.length)
  const perLine = plainLength(paragraph, before) / lines.length
  if (plainLength(paragraph, after) > perLine * 0.95) return undefined
  const moved = overflow.cloneRange()
  moved.setStart(last.node, last.offset)
  return moved
}

/**
 * The first node a range's content starts with.
 * @param {Range} range
 * @returns {Node | null}
 */
function firstNodeOf(range) {
  const node = range.startContainer
  if (node instanceof Text) return range.startOffset < node.length ? node : nextNode(node)
  return node.childNodes[range.startOffset] || nextNode(node)
}

/**
 * The node after `node` in document order, not counting its descendants.
 * @param {Node | null} node
 */
function nextNode(node) {
  while (node && !node.nextSibling) node = node.parentNode
  return node && node.nextSibling
}

/**
 * The text node right before `element`, if no space separates them.
 * @param {Element} element
 */
function textBefore(element) {
  let node = element.previousSibling
  while (node && node.nodeType === 1 && node.lastChild) node = node.lastChild
  if (!(node instanceof Text) || /\s$/.test(node.textContent)) return null
  return node
}
