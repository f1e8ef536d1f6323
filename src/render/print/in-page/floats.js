// @ts-check
// Figures float, as LaTeX's floats do: a figure (or captioned table) that does not fit at the
// foot of a page goes to the top of the next one, and the text after it fills the page
// instead of leaving a hole. A Paged.js 0.4.3 handler (its API is declared in globals.d.ts),
// registered by layout-fixes.js; it uses contentBottom from readings.js (one global scope).
//
// Glossary: a float = a figure taken out of its page; its anchor = the paginator's copy of it
// on that page, hidden where it stood; pending = floats waiting for the next page.
'use strict'

/**
 * Space a figure must leave empty at the foot of its page before it floats, in CSS pixels:
 * two lines of body text (11 pt at line-height 1.42). Less is the ordinary variation of a page
 * foot, and not worth moving a figure away from its text.
 */
const floatFrom = 2 * 11 * 1.42 * (4 / 3)

/**
 * @param {PagedModule} Paged
 * @returns {PagedHandlerClass}
 */
window.__briefFloatFigures = (Paged) =>
  class FloatFigures extends Paged.Handler {
    /**
     * @param {PagedChunker} chunker
     * @param {unknown} polisher
     * @param {unknown} caller
     */
    constructor(chunker, polisher, caller) {
      super(chunker, polisher, caller)
      /** @type {Array<{ source: HTMLElement, anchor: HTMLElement }>} */
      this.pending = []
      /** Floats to put at the top of the page being laid out. @type {Array<{ source: HTMLElement, anchor: HTMLElement }>} */
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
      if (!(node instanceof HTMLElement) || !(clone instanceof HTMLElement) || node.tagName !== 'FIGURE' || !floatable(node) || !clone.isConnected) return
      const area = layout.element.getBoundingClientRect()
      // Measured whole, in its place, with the notes the page has so far.
      const whole = /** @type {HTMLElement} */ (node.cloneNode(true))
      clone.replaceWith(whole)
      const box = whole.getBoundingClientRect()
      // An image not yet loaded has no height: the paginator decides as it always did.
      const measured = Array.from(whole.querySelectorAll('img')).every((img) => img.complete && img.naturalHeight > 0)
      whole.replaceWith(clone)
      const fits = box.left < area.right - 1 && box.bottom <= area.bottom + 1
      // A figure taller than a page does not float: it could not fit on the next one either.
      if (!measured || fits || box.height > area.height) return
      clone.hidden = true
      // Floating helps only if there is text above it on this page and a real hole below.
      const above = contentBottom(layout.element, area)
      if (above <= area.top + 1 || area.bottom - above < floatFrom) {
        clone.hidden = false
        return
      }
      this.pending.push({ source: node, anchor: clone })
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
      for (const { anchor } of here) anchor.hidden = false
      this.pending = this.pending.filter((float) => !here.includes(float))
    }

    /**
     * At the start of the next page, the pending figures go first, in their order; one the
     * page break has moved back above (its anchor went to this page) is laid out in its place
     * by the paginator instead. They are put in once the paginator has placed the page's
     * first node: it makes the page's copy of their parent then, and a second copy would take
     * the text that follows.
     * @param {HTMLElement} _wrapper
     * @param {PagedBreakToken | undefined} breakToken
     */
    onPageLayout(_wrapper, breakToken) {
      const start = breakToken && breakToken.node
      this.placing = this.pending.filter(({ source }) => start && start !== source && !(start.compareDocumentPosition(source) & Node.DOCUMENT_POSITION_FOLLOWING))
      this.pending = []
    }

    /**
     * Puts the pending figures at the top of the page being laid out, in their parent as the
     * paginator has just made it there.
     * @param {PagedLayout} layout
     */
    place(layout) {
      const floats = this.placing
      this.placing = []
      const wrapper = layout.element.firstElementChild
      if (!wrapper) return
      for (const { source, anchor } of floats.reverse()) {
        // Its hidden copy on the page before has done its work.
        anchor.remove()
        const figure = /** @type {HTMLElement} */ (source.cloneNode(true))
        const ref = source.parentElement?.dataset.ref
        const parent = ref ? wrapper.querySelector(`[data-ref="${CSS.escape(ref)}"]`) : null
        if (parent) parent.prepend(figure)
        else ancestorsIn(wrapper, source).append(figure)
      }
    }
  }

/**
 * Whether a figure may float: a figure or captioned table standing in the running text (not
 * inside a box, a list or a table), with no note call in it (its note would move away from
 * the notes around it, out of their order).
 * @param {HTMLElement} figure
 */
function floatable(figure) {
  return figure.parentElement?.tagName === 'MAIN' && !figure.querySelector('.footnote, sup.footnote-call')
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
