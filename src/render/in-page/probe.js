// Runs inside the print page, next to the paginator. Reads notes before pagination and where
// they landed after it; src/render/layout-check.ts judges the readings.
'use strict'
window.__briefProbe = {
  snapshotNotes() {
    const texts = {}
    const lines = {}
    for (const note of document.querySelectorAll('.footnote[data-fn]')) {
      texts[note.dataset.fn] = (note.textContent || '').replace(/\s+/g, '')
    }
    for (const call of document.querySelectorAll('sup.footnote-call[data-fn]')) {
      if (call.dataset.line) lines[call.dataset.fn] = Number(call.dataset.line)
    }
    return { texts, lines, body: bodyText(document.querySelector('main'), null) }
  },

  readLayout() {
    const pages = Array.from(document.querySelectorAll('.pagedjs_page'))
    const calls = {}
    const bodies = {}
    const unfloated = []
    pages.forEach((page, index) => {
      const number = index + 1
      for (const call of page.querySelectorAll('.pagedjs_page_content sup.footnote-call[data-fn]')) {
        ;(calls[call.dataset.fn] = calls[call.dataset.fn] || []).push(number)
      }
      for (const body of page.querySelectorAll('.pagedjs_footnote_area .footnote[data-fn]')) {
        ;(bodies[body.dataset.fn] = bodies[body.dataset.fn] || []).push({
          page: number,
          continued: body.hasAttribute('data-split-from'),
          text: (body.textContent || '').replace(/\s+/g, ''),
        })
      }
      for (const stray of page.querySelectorAll('.pagedjs_page_content .footnote[data-fn]')) {
        unfloated.push(stray.dataset.fn)
      }
    })
    // The end marker must be there and inside its page's text box: text pushed off the last
    // page would otherwise vanish without a trace.
    const end = document.querySelector('.pagedjs_pages [data-brief-end]')
    const endBox = end && end.closest('.pagedjs_page_content')
    const endRect = end && end.getBoundingClientRect()
    const box = endBox && endBox.getBoundingClientRect()
    const complete = Boolean(end && box && endRect.left <= box.right + 2 && endRect.top <= box.bottom + 1)
    // A call the paginator left outside the page's text box is cut off when printed (Paged.js
    // lays a page out in CSS columns: overflow sits to the right of the box, or below it).
    const clipped = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.pagedjs_page_content')
      if (!area) return
      const box = area.getBoundingClientRect()
      for (const call of area.querySelectorAll('sup.footnote-call[data-fn]')) {
        const r = call.getBoundingClientRect()
        if (r.left > box.right + 2 || r.top > box.bottom + 1) clipped.push({ page: index + 1, note: call.dataset.fn })
      }
    })
    // A heading with nothing after it on its page is stranded at the page foot.
    const stranded = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.pagedjs_page_content')
      if (!area) return
      for (const heading of area.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')) {
        const after = document.createRange()
        after.setStartAfter(heading)
        after.setEnd(area, area.childNodes.length)
        if (!after.toString().trim() && pages[index + 1]) stranded.push({ page: index + 1, text: heading.textContent.trim() })
      }
    })
    // The body text as printed: only words inside each page's text box count, so text the
    // paginator pushed out of sight (or printed twice) shows up as a difference.
    const printed = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.pagedjs_page_content')
      if (!area) return
      const text = Array.from(area.querySelectorAll('main')).map((main) => bodyText(main, area.getBoundingClientRect())).join('')
      printed.push({ page: index + 1, text })
    })
    // A paragraph split over two pages must leave at least two lines on each side.
    const lonely = []
    let splits = 0
    // Lines of a paragraph: the baselines of its own text. Note calls and the notes still
    // standing in it are left out (a raised call is not a line of its own).
    const lines = (element) => {
      const range = document.createRange()
      const bottoms = []
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim() || node.parentElement.closest('sup, sub, .footnote')) continue
        range.selectNodeContents(node)
        for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) bottoms.push(r.bottom)
      }
      bottoms.sort((a, b) => a - b)
      return bottoms.filter((b, i) => i === 0 || b - bottoms[i - 1] > 3).length
    }
    pages.forEach((page, index) => {
      const area = page.querySelector('.pagedjs_page_content')
      if (!area) return
      for (const p of area.querySelectorAll('main p')) {
        if (p.closest('.footnote')) continue
        const count = lines(p)
        if (p.hasAttribute('data-split-to')) splits++
        const line = Number(p.dataset.line) || undefined
        if (p.hasAttribute('data-split-to') && count < 2) lonely.push({ page: index + 1, kind: 'orphan', line })
        if (p.hasAttribute('data-split-from') && count < 2) lonely.push({ page: index + 1, kind: 'widow', line })
      }
    })
    // The last line of a paragraph that runs on to the next page is justified; if few words
    // are left on it, their spaces open wide. Report lines whose spaces are over three times
    // a normal space.
    const stretched = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.pagedjs_page_content')
      if (!area) return
      for (const p of area.querySelectorAll('main p[data-split-to]')) {
        if (p.closest('.footnote')) continue
        const gap = widestGap(p)
        if (gap > 3) stretched.push({ page: index + 1, line: Number(p.dataset.line) || undefined })
      }
    })
    return { pages: pages.length, calls, bodies, unfloated, complete, clipped, stranded, printed, lonely, splits, stretched }
  },

  /**
   * Once the pages are laid out: a soft hyphen where a line breaks is drawn as a hyphen and
   * becomes one ("cor-" / "ridors"); every other soft hyphen is invisible and is removed, so
   * the PDF's text layer holds whole words for copying and searching. Neither changes a line:
   * a drawn soft hyphen is the same glyph, an undrawn one has no width.
   * @returns {number} how many soft hyphens were settled
   */
  settleSoftHyphens() {
    let count = 0
    const root = document.querySelector('.pagedjs_pages') || document.body
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    const all = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) all.push(node)
    const range = document.createRange()
    /** The box of the visible character at `index` of `nodes[n]`, or the next one drawn after it. */
    const boxAt = (n, index, step) => {
      for (let k = n, i = index; k >= 0 && k < all.length; k += step, i = step > 0 ? 0 : (all[k + step] || { length: 0 }).length - 1) {
        const text = all[k].textContent
        for (; i >= 0 && i < text.length; i += step) {
          if (/[\s\u00ad]/.test(text[i])) continue
          range.setStart(all[k], i)
          range.setEnd(all[k], i + 1)
          // A character right after a break can report a box at the end of the line before
          // as well (where the hyphen is drawn); its own box is the last one.
          const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0)
          const rect = step > 0 ? rects[rects.length - 1] : rects[0]
          if (rect) return rect
        }
      }
      return undefined
    }
    // Decide every soft hyphen first (from the layout as it is), then change the text.
    const verdicts = all.map((node, n) =>
      Array.from(node.textContent.matchAll(/\u00ad/g), (m) => {
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
      if (!verdicts[n].length) return
      count += verdicts[n].length
      const parts = node.textContent.split('\u00ad')
      if (!verdicts[n].some((w) => w > 0)) {
        node.textContent = parts.join('')
        return
      }
      // A drawn soft hyphen becomes a real one, the same glyph. Measured as text it can come
      // out a hair wider than the line had room for and wrap on its own ("-tion" on the next
      // line): half a pixel is taken back, which a justified line does not show.
      // Text between drawn hyphens stays one text node: split, "dif" and "fer" would lose the
      // ligature's second letter in the text layer ("diferences").
      const fragment = document.createDocumentFragment()
      let text = ''
      parts.forEach((part, i) => {
        text += part
        const width = verdicts[n][i]
        if (!width) return
        const hyphen = document.createElement('span')
        hyphen.className = 'line-end-hyphen'
        hyphen.textContent = '-'
        hyphen.style.marginRight = '-0.5px'
        fragment.append(text, hyphen)
        text = ''
      })
      fragment.append(text)
      node.replaceWith(fragment)
    })
    return count
  },
}

// Paged.js checks a page for overflowing text before it knows how tall the page's notes will
// be; a note added late can push the last lines of the page under the note area, where they
// are cut off. After each page we look again and, if text overflows, move the break back so
// the overflowing lines (and their notes) go to the next page. Paged.js's own
// afterOverflowRemoved hook takes the notes of moved calls off this page.
/** The average space on the paragraph's last line, in widths of a normal space. */
function widestGap(paragraph) {
  const all = document.createRange()
  all.selectNodeContents(paragraph)
  const lines = linesIn(paragraph, all)
  if (lines.length < 2) return 0
  const last = lines[lines.length - 1]
  const words = []
  const probe = document.createRange()
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('sup, sub, .footnote')) continue
    for (const match of node.textContent.matchAll(/\S+/g)) {
      probe.setStart(node, match.index)
      probe.setEnd(node, match.index + match[0].length)
      for (const r of probe.getClientRects()) if (r.width > 0 && Math.abs(r.bottom - last.bottom) <= 3) words.push(r)
    }
  }
  if (words.length < 2) return 0
  words.sort((a, b) => a.left - b.left)
  let spaces = 0
  for (let i = 1; i < words.length; i++) spaces += Math.max(0, words[i].left - words[i - 1].right)
  const space = parseFloat(getComputedStyle(paragraph).fontSize) * 0.25
  return spaces / (words.length - 1) / space
}

/** Soft hyphens, the paginator's non-breaking hyphens and white space do not count. */
const invisible = /[\s\u00ad\u2011]+/g

/**
 * Text of a `main` element without notes and note calls; with `box`, only the characters
 * drawn inside it (a word split over two lines is checked letter by letter).
 */
function bodyText(main, box) {
  if (!main) return ''
  let out = ''
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('.footnote, sup.footnote-call, [data-footnote-call], .sr-only')) continue
    if (!box) {
      out += node.textContent
      continue
    }
    const inside = (rect) => rect.width > 0 && rect.left < box.right - 1 && rect.top < box.bottom - 1 && rect.bottom > box.top
    const text = node.textContent
    const range = document.createRange()
    for (const match of text.matchAll(/\S+/g)) {
      range.setStart(node, match.index)
      range.setEnd(node, match.index + match[0].length)
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0)
      if (rects.length <= 1) {
        if (rects.length && inside(rects[0])) out += match[0]
        continue
      }
      for (let i = 0; i < match[0].length; i++) {
        range.setStart(node, match.index + i)
        range.setEnd(node, match.index + i + 1)
        const rect = range.getBoundingClientRect()
        if (inside(rect)) out += match[0][i]
      }
    }
  }
  return out.replace(invisible, '')
}

window.__briefRegisterHandlers = (Paged) => {
  class RecheckOverflow extends Paged.Handler {
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
      overflow = avoidWidow(overflow) || overflow
      let token = layout.createBreakToken(overflow, page.wrapper, chunker.source)
      const start = overflow.startContainer
      if (!token && start.nodeType === 3 && breakToken.node && breakToken.node.nodeType === 3) {
        // Paged.js already cut this text node at its break (adding a hyphen), so it no longer
        // matches its source and Paged.js cannot map it back: count back from the break.
        const rendered = start.textContent.replace(/\u2011$/, '')
        const offset = breakToken.offset - (rendered.length - overflow.startOffset)
        const moved = rendered.slice(overflow.startOffset)
        if (offset >= 0 && breakToken.node.textContent.slice(offset, breakToken.offset) === moved) token = { node: breakToken.node, offset }
      }
      if (!token || !token.node) return
      const breakLetter = token.node.nodeType === 3 ? token.node.textContent.charAt(token.offset) : undefined
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
  // widow), move it back one more line, as long as two lines stay on this page.
  class KeepCallWithWord extends Paged.Handler {
    onOverflow(overflow) {
      if (!overflow || !overflow.startContainer) return
      const word = keepCallWithWord(overflow)
      // Moving one word leaves a short last line that justification would stretch across the
      // measure: the whole line goes instead.
      const kept = (word && toLineStart(word)) || word || overflow
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
  const index = Paged.registeredHandlers.findIndex((H) => H.prototype && typeof H.prototype.moveFootnote === 'function')
  if (index >= 0) {
    const Footnotes = Paged.registeredHandlers[index]
    class KeepEdgeNotes extends Footnotes {
      moveFootnote(node, pageArea, needsNoteCall) {
        super.moveFootnote(node, pageArea, needsNoteCall)
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
  Paged.registerHandlers(RecheckOverflow, KeepCallWithWord)
}

/** The break moved back to the start of the word a note call belongs to, or undefined. */
function keepCallWithWord(overflow) {
  const first = firstNodeOf(overflow)
  const call = first && (first.nodeType === 1 ? first : first.parentElement)
  if (!call || !call.closest('sup.footnote-call, [data-footnote-call], .footnote')) return undefined
  const before = textBefore(call.closest('sup.footnote-call, [data-footnote-call], .footnote'))
  if (!before) return undefined
  const match = /\S+$/.exec(before.textContent)
  // A text node that is all one word may be the first thing on the page: leave it alone.
  if (!match || match.index === 0) return undefined
  const moved = overflow.cloneRange()
  moved.setStart(before, match.index)
  return moved
}

/**
 * The paragraph's own text within `range`, piece by piece (`node`, `from`, `to`): note calls,
 * sub/superscripts and notes still standing in it are left out.
 */
function ownText(paragraph, range, each) {
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('sup, sub, .footnote') || !range.intersectsNode(node)) continue
    each(node, node === range.startContainer ? range.startOffset : 0, node === range.endContainer ? range.endOffset : node.length)
  }
}

/**
 * Bottoms of the text lines of `paragraph` that lie within `range` (note calls and notes left
 * out), and for each line the first text position on it.
 */
function linesIn(paragraph, range) {
  const lines = []
  const probe = document.createRange()
  ownText(paragraph, range, (node, from, to) => {
    for (let i = from; i < to; i++) {
      if (/\s/.test(node.textContent[i])) continue
      probe.setStart(node, i)
      probe.setEnd(node, i + 1)
      const rects = Array.from(probe.getClientRects()).filter((r) => r.width > 0)
      const rect = rects[rects.length - 1]
      if (!rect) continue
      const last = lines[lines.length - 1]
      if (!last || Math.abs(rect.bottom - last.bottom) > 3) lines.push({ bottom: rect.bottom, node, offset: i })
    }
  })
  return lines
}

/** The text paragraph a break falls in, and the part of it before the break. */
function paragraphAt(range) {
  const start = range.startContainer
  const paragraph = (start.nodeType === 1 ? start : start.parentElement).closest('p')
  if (!paragraph || paragraph.closest('.footnote')) return undefined
  const before = document.createRange()
  before.setStart(paragraph, 0)
  before.setEnd(range.startContainer, range.startOffset)
  return { paragraph, before }
}

/** A break inside a line moved back to the start of that line, if two lines stay before it. */
function toLineStart(range) {
  const at = paragraphAt(range)
  if (!at) return undefined
  const lines = linesIn(at.paragraph, at.before)
  if (lines.length < 3) return undefined
  const line = lines[lines.length - 1]
  const moved = range.cloneRange()
  moved.setStart(line.node, line.offset)
  return moved
}

/** Characters of the paragraph's own text (no calls, no notes, no soft hyphens) within `range`. */
function plainLength(paragraph, range) {
  let length = 0
  ownText(paragraph, range, (node, from, to) => {
    length += node.textContent.slice(from, to).replace(/\u00ad/g, '').length
  })
  return length
}

/** The break moved back one line when it would leave a paragraph's last line alone, or undefined. */
function avoidWidow(overflow) {
  const at = paragraphAt(overflow)
  if (!at) return undefined
  const { paragraph, before } = at
  const lines = linesIn(paragraph, before)
  // Two lines must stay behind, or the widow would only become an orphan.
  if (lines.length < 3) return undefined
  // What follows the break is measured in characters, not laid-out lines: notes still stand
  // inline there and stretch it over lines it will not take once they are moved.
  const after = document.createRange()
  after.setStart(overflow.startContainer, overflow.startOffset)
  after.setEnd(paragraph, paragraph.childNodes.length)
  const perLine = plainLength(paragraph, before) / lines.length
  if (plainLength(paragraph, after) > perLine * 0.95) return undefined
  const moved = overflow.cloneRange()
  moved.setStart(lines[lines.length - 1].node, lines[lines.length - 1].offset)
  return moved
}

function firstNodeOf(range) {
  const node = range.startContainer
  if (node.nodeType === 3) return range.startOffset < node.length ? node : nextNode(node)
  return node.childNodes[range.startOffset] || nextNode(node)
}

function nextNode(node) {
  while (node && !node.nextSibling) node = node.parentNode
  return node && node.nextSibling
}

/** The text node right before `element`, if no space separates them. */
function textBefore(element) {
  let node = element.previousSibling
  while (node && node.nodeType === 1 && node.lastChild) node = node.lastChild
  if (!node || node.nodeType !== 3 || /\s$/.test(node.textContent)) return null
  return node
}
