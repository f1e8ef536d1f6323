// @ts-check
// Figures float, as LaTeX's floats do: a figure (or captioned table) that does not fit at the
// foot of a page goes to the top of the next one, and the text after it fills the page
// instead of leaving a hole; a later figure on that page follows it there, as figures keep
// their order. A Paged.js 0.4.3 handler (its API is declared in globals.d.ts), registered by
// layout-fixes.js; it uses contentBottom and linesIn from readings.js (one global scope).
//
// A heading (or a run of headings: h2 then h3) right before a figure that floats stays with
// the text after the figure, as LaTeX keeps \section with its text when a float follows it:
// the heading and at least two lines of that text fill the page, the figure goes to the top
// of the next. When fewer than two lines of text fit under the heading, or the figure is
// followed by another heading or by nothing, the figure goes back where it stood and the
// heading starts the next page with it. Where the paginator breaks is settled by
// settleFloats below, which layout-fixes.js calls before its own moves of the break.
//
// A figure whose caption has a note call floats with its note: the note is printed at the
// foot of the page the figure goes to, and the page it leaves ends before the first later
// note call, so the notes stay in their order.
//
// Glossary: a float = a figure taken out of its page; its anchor = the paginator's copy of it
// on that page, hidden where it stands (marked data-brief-float, holding the number of its
// first note, if it has one); pending = floats waiting for the next page.
'use strict'

/**
 * Space a figure must leave empty at the foot of its page before it floats, in CSS pixels:
 * two lines of body text (11 pt at line-height 1.42). Less is the ordinary variation of a page
 * foot, and not worth moving a figure away from its text.
 */
const floatFrom = 2 * 11 * 1.42 * (4 / 3)

/** The blocks whose lines count as text under a heading (a heading's "two lines of its text"). */
const textBlocks = new Set(['P', 'UL', 'OL', 'BLOCKQUOTE', 'DL'])

/**
 * @param {PagedModule} Paged
 * @param {((note: HTMLElement, pageArea: Element) => void) | undefined} placeNote puts a note
 *   into a page's note area, as the paginator does for a note it meets in the text; without
 *   it, a figure with a note call does not float
 * @returns {PagedHandlerClass}
 */
window.__briefFloatFigures = (Paged, placeNote) =>
  class FloatFigures extends Paged.Handler {
    /**
     * @param {PagedChunker} chunker
     * @param {unknown} polisher
     * @param {unknown} caller
     */
    constructor(chunker, polisher, caller) {
      super(chunker, polisher, caller)
      /** @type {Array<{ source: HTMLElement, anchor: HTMLElement, height: number }>} */
      this.pending = []
      /** Floats to put at the top of the page being laid out. @type {Array<{ source: HTMLElement, anchor: HTMLElement, height: number }>} */
      this.placing = []
      /** The node of the brief the paginator took last (the one it may break before). @type {Node | undefined} */
      this.lastTaken = undefined
    }

    /** @param {Node} node */
    layoutNode(node) {
      this.lastTaken = node
    }

    /**
     * When the paginator places a figure (the empty figure first, its parts after it): if the
     * whole figure would run past the foot of the page and the page has text above it, it is
     * hidden where it stands, so what follows it in the brief moves up in its place; the
     * paginator still fills it, part by part, out of sight.
     * @param {Node} clone
     * @param {Node} node
     * @param {PagedLayout} layout
     */
    renderNode(clone, node, layout) {
      if (this.placing.length) this.place(layout)
      if (!(node instanceof HTMLElement) || !(clone instanceof HTMLElement) || node.tagName !== 'FIGURE' || !floatable(node, Boolean(placeNote)) || !clone.isConnected) return
      const area = layout.element.getBoundingClientRect()
      // Measured whole, in its place, with the notes the page has so far; its own notes are
      // measured apart, in the note area, where they will stand.
      const whole = /** @type {HTMLElement} */ (node.cloneNode(true))
      for (const note of whole.querySelectorAll('.footnote')) note.remove()
      const notes = notesHeight(node, layout.element.closest('.pagedjs_area'))
      clone.replaceWith(whole)
      const box = whole.getBoundingClientRect()
      const style = getComputedStyle(whole)
      const height = box.height + parseFloat(style.marginTop) + parseFloat(style.marginBottom)
      // An image not yet loaded has no height: the paginator decides as it always did.
      const measured = Array.from(whole.querySelectorAll('img')).every((img) => img.complete && img.naturalHeight > 0)
      whole.replaceWith(clone)
      const fits = box.left < area.right - 1 && box.bottom <= area.bottom - notes + 1
      // A figure taller than a page does not float: it could not fit on the next one either;
      // nor does one that would not fit there under the figures already waiting for it.
      const waiting = this.pending.filter((float) => float.anchor.hasAttribute('data-brief-float') && layout.element.contains(float.anchor))
      const stacked = waiting.reduce((sum, float) => sum + float.height, 0)
      if (!measured || box.height > area.height || (waiting.length && stacked + height > area.height)) return
      // A figure that fits stays where it stands, unless figures before it on this page wait
      // for the next: then it goes after them, as figures keep their order.
      if (fits && !waiting.length) return
      hide(clone, node)
      if (waiting.length) {
        this.pending.push({ source: node, anchor: clone, height })
        return
      }
      // Floating helps only if there is text above it on this page and a real hole below.
      const above = contentBottom(layout.element, area)
      if (above <= area.top + 1 || area.bottom - above < floatFrom) {
        show(clone)
        return
      }
      this.pending.push({ source: node, anchor: clone, height })
    }

    /**
     * Before each check for a page break: if the page is about to end without its text
     * running over (the end of the brief, or a forced page break, with room to spare), there
     * is no next page to float to. The figure goes back where it stood, and the paginator
     * breaks before it, as it would have.
     * @param {HTMLElement} wrapper
     * @param {PagedLayout} layout
     */
    layout(wrapper, layout) {
      const here = this.pending.filter((float) => wrapper.contains(float.anchor))
      if (!here.length) return
      // The paginator took a node it has not put on the page: it breaks before it (forced).
      const last = this.lastTaken
      const page = wrapper.closest('.pagedjs_page') || wrapper
      const ending = wrapper.querySelector('[data-brief-end]') || (last instanceof HTMLElement && !page.querySelector(`[data-ref="${CSS.escape(last.dataset.ref || '')}"]`))
      if (!ending || layout.hasOverflow(wrapper, layout.element.getBoundingClientRect())) return
      for (const { anchor } of here) show(anchor)
      this.pending = this.pending.filter((float) => !here.includes(float))
    }

    /**
     * At the start of the next page, the pending figures go first, in their order; one the
     * page break has moved back above (its anchor went to this page) is laid out in its place
     * by the paginator instead, as is one that went back where it stood. They are put in once
     * the paginator has placed the page's first node: it makes the page's copy of their parent
     * then, and a second copy would take the text that follows.
     * @param {HTMLElement} _wrapper
     * @param {PagedBreakToken | undefined} breakToken
     */
    onPageLayout(_wrapper, breakToken) {
      const start = breakToken && breakToken.node
      this.placing = this.pending.filter(({ source, anchor }) => anchor.hasAttribute('data-brief-float') && start && start !== source && !(start.compareDocumentPosition(source) & Node.DOCUMENT_POSITION_FOLLOWING))
      this.pending = []
    }

    /**
     * Puts the pending figures at the top of the page being laid out, in their parent as the
     * paginator has just made it there, and their notes in its note area, in their order.
     * @param {PagedLayout} layout
     */
    place(layout) {
      const floats = this.placing
      this.placing = []
      const wrapper = layout.element.firstElementChild
      if (!wrapper) return
      /** @type {HTMLElement[]} */
      const placed = []
      for (const { source, anchor } of floats.reverse()) {
        // Its hidden copy on the page before has done its work.
        anchor.remove()
        const figure = /** @type {HTMLElement} */ (source.cloneNode(true))
        const ref = source.parentElement?.dataset.ref
        const parent = ref ? wrapper.querySelector(`[data-ref="${CSS.escape(ref)}"]`) : null
        if (parent) parent.prepend(figure)
        else ancestorsIn(wrapper, source).append(figure)
        placed.unshift(figure)
      }
      const pageArea = layout.element.closest('.pagedjs_area')
      if (!placeNote || !pageArea) return
      for (const figure of placed) {
        for (const note of htmlElements(figure, '.footnote[data-fn]')) {
          placeNote(note, pageArea)
          inOrder(note)
        }
      }
    }
  }

/**
 * Whether a figure may float: a figure or captioned table standing in the running text (not
 * inside a box, a list or a table). One with a note call floats only where its note can be
 * placed with it.
 * @param {HTMLElement} figure
 * @param {boolean} notesMove
 */
function floatable(figure, notesMove) {
  return figure.parentElement?.tagName === 'MAIN' && (notesMove || !figure.querySelector('.footnote, sup.footnote-call'))
}

/**
 * How much taller the note area of a page would be with a figure's notes in it (0 for a
 * figure without notes).
 * @param {HTMLElement} figure
 * @param {Element | null} pageArea
 */
function notesHeight(figure, pageArea) {
  const notes = figure.querySelectorAll('.footnote')
  const content = pageArea?.querySelector('.pagedjs_footnote_content')
  const inner = content?.querySelector('.pagedjs_footnote_inner_content')
  if (!notes.length || !(content instanceof HTMLElement) || !inner) return 0
  const probe = document.createElement('div')
  for (const note of notes) probe.append(note.cloneNode(true))
  const empty = content.classList.contains('pagedjs_footnote_empty')
  content.classList.remove('pagedjs_footnote_empty')
  inner.append(probe)
  let height = probe.getBoundingClientRect().height
  probe.remove()
  if (empty) {
    // The area itself appears with the first note: its rule, margins and padding.
    content.classList.add('pagedjs_footnote_empty')
    const style = getComputedStyle(content)
    for (const side of ['marginTop', 'marginBottom', 'paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth']) height += parseFloat(style.getPropertyValue(side.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))) || 0
  }
  return height
}

/**
 * Hides a figure's copy where it stands, marked as a float with the number of its first note.
 * @param {HTMLElement} anchor
 * @param {HTMLElement} source
 */
function hide(anchor, source) {
  anchor.hidden = true
  const call = source.querySelector('sup.footnote-call[data-fn]')
  anchor.setAttribute('data-brief-float', call instanceof HTMLElement ? call.dataset.fn || '' : '')
}

/**
 * Shows a figure's copy where it stands again: it no longer floats.
 * @param {HTMLElement} anchor
 */
function show(anchor) {
  anchor.hidden = false
  anchor.removeAttribute('data-brief-float')
}

/**
 * The break of a page, moved back where floats and headings need it; undefined to leave it.
 *
 * 1. A float with a note: the page it leaves must not print a later note, which would come
 *    before the float's note. The break moves back to the line of the first later call (to the
 *    start of its paragraph if fewer than two lines of it would stay).
 * 2. A heading, or a run of headings, right before floats must keep at least two lines of text
 *    under it (the figures gone). Otherwise the floats go back where they stood and the page
 *    breaks before the heading: heading and figure start the next page together.
 * 3. A break between two headings moves before the first (keepHeadingRun).
 * @param {Range | undefined} overflow
 * @param {Element} rendered
 * @returns {Range | undefined}
 */
function settleFloats(overflow, rendered) {
  if (!overflow) return undefined
  const anchors = Array.from(htmlElements(rendered, 'figure[data-brief-float]')).filter((anchor) => overflow.comparePoint(anchor, 0) < 0)
  const ordered = anchors.length ? keepNotesInOrder(overflow, rendered, anchors) : undefined
  const headed = anchors.length ? keepHeadingsWithText(ordered || overflow, rendered, anchors) : undefined
  const moved = headed || ordered
  return keepHeadingRun(moved || overflow, rendered) || moved
}

/**
 * A break right before a heading that follows another heading (h2 then h3), moved before the
 * first heading of the run, or undefined. Paged.js keeps a heading only with the block right
 * after it, so the first heading was left alone at the foot of the page.
 * @param {Range} overflow
 * @param {Element} rendered
 */
function keepHeadingRun(overflow, rendered) {
  const start = overflow.startContainer
  const next = start instanceof Element ? start.childNodes[overflow.startOffset] : undefined
  if (!(next instanceof HTMLElement) || !/^H[1-6]$/.test(next.tagName)) return undefined
  let top = next
  for (let before = next.previousElementSibling; before instanceof HTMLElement && /^H[1-6]$/.test(before.tagName); before = before.previousElementSibling) top = before
  if (top === next || !contentBefore(rendered, top)) return undefined
  const moved = overflow.cloneRange()
  moved.setStartBefore(top)
  return moved
}

/**
 * The break moved back before the first note call that follows a float with a note and would
 * stay on its page, or undefined.
 * @param {Range} overflow
 * @param {Element} rendered
 * @param {HTMLElement[]} anchors
 */
function keepNotesInOrder(overflow, rendered, anchors) {
  const withNotes = anchors.filter((anchor) => anchor.getAttribute('data-brief-float'))
  if (!withNotes.length) return undefined
  const first = withNotes[0]
  const number = Number(first?.getAttribute('data-brief-float'))
  const call = Array.from(htmlElements(rendered, 'sup.footnote-call[data-fn]')).find(
    (c) => !c.closest('[data-brief-float]') && Number(c.dataset.fn) > number && first && first.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING && overflow.comparePoint(c, 0) < 0,
  )
  if (!call) return undefined
  const moved = overflow.cloneRange()
  const paragraph = call.closest('p')
  if (paragraph && !paragraph.closest('.footnote')) {
    const upTo = document.createRange()
    upTo.setStart(paragraph, 0)
    upTo.setEndBefore(call)
    const lines = linesIn(paragraph, upTo)
    const line = lines[lines.length - 1]
    // Two lines of the paragraph stay, or none (orphans: 2).
    if (lines.length >= 3 && line) {
      moved.setStart(line.node, line.offset)
      return moved
    }
  }
  moved.setStartBefore(blockIn(rendered, call))
  return moved
}

/**
 * The break moved before a heading (or run of headings) that stands right before floats
 * without two lines of text under it on the page, the floats gone back where they stood; or
 * undefined.
 * @param {Range} overflow
 * @param {Element} rendered
 * @param {HTMLElement[]} anchors
 */
function keepHeadingsWithText(overflow, rendered, anchors) {
  for (const anchor of anchors) {
    // The first float of a run of floats standing together.
    if (anchors.includes(/** @type {HTMLElement} */ (anchor.previousElementSibling))) continue
    /** @type {HTMLElement[]} */
    const headings = []
    for (let before = anchor.previousElementSibling; before instanceof HTMLElement && /^H[1-6]$/.test(before.tagName); before = before.previousElementSibling) headings.unshift(before)
    const top = headings[0]
    if (!top) continue
    /** @type {HTMLElement[]} */
    const run = []
    let after = /** @type {Element | null} */ (anchor)
    for (; after instanceof HTMLElement && anchors.includes(after); after = after.nextElementSibling) run.push(after)
    if (linesAfter(after, overflow) >= 2) continue
    // A heading that starts the page stays: before it there is no page to break to.
    if (!contentBefore(rendered, top)) continue
    for (const float of run) show(float)
    const moved = overflow.cloneRange()
    moved.setStartBefore(top)
    return moved
  }
  return undefined
}

/**
 * Lines of text from `block` on, up to the break (`overflow`'s start), counted up to two, and
 * only in text blocks: a heading, a figure, a table or a box ends the count.
 * @param {Element | null} block
 * @param {Range} overflow
 */
function linesAfter(block, overflow) {
  let count = 0
  for (; block && count < 2; block = block.nextElementSibling) {
    if (!textBlocks.has(block.tagName) || overflow.comparePoint(block, 0) >= 0) break
    const range = document.createRange()
    range.selectNodeContents(block)
    const inside = block === overflow.startContainer || block.contains(overflow.startContainer)
    if (inside) range.setEnd(overflow.startContainer, overflow.startOffset)
    count += linesIn(block, range).length
    if (inside) break
  }
  return count
}

/**
 * Whether the page shows text or an image before `element`.
 * @param {Element} rendered
 * @param {Element} element
 */
function contentBefore(rendered, element) {
  const range = document.createRange()
  range.setStart(rendered, 0)
  range.setEndBefore(element)
  return Boolean(range.toString().trim()) || range.cloneContents().querySelector('img, svg, table, hr') !== null
}

/**
 * The block of the running text (a child of `main`, or of the box it stands in) that holds `node`.
 * @param {Element} rendered
 * @param {Element} node
 * @returns {Element}
 */
function blockIn(rendered, node) {
  let block = node
  while (block.parentElement && block.parentElement !== rendered && block.parentElement.tagName !== 'MAIN') block = block.parentElement
  return block
}

/**
 * A note just put in the note area moved before the notes there that come after it: a float's
 * note is placed after the notes of the line that starts its page.
 * @param {HTMLElement} note
 */
function inOrder(note) {
  const number = Number(note.dataset.fn)
  const later = Array.from(note.parentElement?.children || []).find((other) => other instanceof HTMLElement && other !== note && !other.hasAttribute('data-split-from') && Number(other.dataset.fn) > number)
  if (later) later.before(note)
}

/**
 * The chain of ancestors of `source` at the top of the page being laid out, made as the
 * paginator makes it for text that runs on from the page before (marked as split from its
 * source), or found when it is already there; returns the innermost.
 * @param {Element} wrapper
 * @param {HTMLElement} source
 * @returns {Element}
 */
function ancestorsIn(wrapper, source) {
  /** @type {HTMLElement[]} */
  const chain = []
  for (let up = source.parentElement; up; up = up.parentElement) chain.unshift(up)
  /** @type {Element} */
  let parent = wrapper
  for (const ancestor of chain) {
    const ref = ancestor.dataset.ref || ''
    const found = ref ? parent.querySelector(`:scope > [data-ref="${CSS.escape(ref)}"]`) : null
    if (found) {
      parent = found
      continue
    }
    const copy = /** @type {HTMLElement} */ (ancestor.cloneNode(false))
    copy.setAttribute('data-split-from', ref)
    if (copy.id) {
      copy.dataset.id = copy.id
      copy.removeAttribute('id')
    }
    copy.removeAttribute('data-break-before')
    copy.removeAttribute('data-previous-break-after')
    parent.prepend(copy)
    parent = copy
  }
  return parent
}
