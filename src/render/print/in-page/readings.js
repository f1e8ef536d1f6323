// @ts-check
// Readings of the print page, taken next to the paginator: the notes and the body text before
// pagination, and where they landed after it. Nothing here changes the page; each reading is
// plain data, typed by readings-types.ts, which src/render/print/layout-check.ts judges.
//
// A classic script injected by src/render/print/pdf.ts first: soft-hyphens.js and one-pass.js,
// injected after it, use its textNodes; all share the page's one global scope, and
// tsconfig.in-page.json checks them that way.
'use strict'

/** @typedef {import('./readings-types.ts').NoteSnapshot} NoteSnapshot */
/** @typedef {import('./readings-types.ts').LayoutReading} LayoutReading */

window.__briefProbe = {
  /** @returns {NoteSnapshot} */
  snapshotNotes() {
    /** @type {NoteSnapshot['texts']} */
    const texts = {}
    /** @type {NoteSnapshot['lines']} */
    const lines = {}
    for (const note of htmlElements(document, '.footnote[data-fn]')) {
      texts[noteNumber(note)] = (note.textContent || '').replace(/\s+/g, '')
    }
    for (const call of htmlElements(document, 'sup.footnote-call[data-fn]')) {
      if (call.dataset.line) lines[noteNumber(call)] = Number(call.dataset.line)
    }
    const figures = Array.from(document.querySelectorAll('main figure'), (figure) => bodyText(figure, null))
    return { texts, lines, body: bodyText(document.querySelector('main'), null), figures }
  },

  /** @returns {LayoutReading} */
  readLayout() {
    const pages = Array.from(document.querySelectorAll('.print-page'))
    /** @type {LayoutReading['calls']} */
    const calls = {}
    /** @type {LayoutReading['bodies']} */
    const bodies = {}
    /** @type {LayoutReading['unfloated']} */
    const unfloated = []
    pages.forEach((page, index) => {
      const number = index + 1
      for (const call of htmlElements(page, '.print-text sup.footnote-call[data-fn]')) {
        ;(calls[noteNumber(call)] = calls[noteNumber(call)] || []).push(number)
      }
      for (const body of htmlElements(page, '.print-notes .footnote[data-fn]')) {
        ;(bodies[noteNumber(body)] = bodies[noteNumber(body)] || []).push({
          page: number,
          continued: body.hasAttribute('data-split-from'),
          text: (body.textContent || '').replace(/\s+/g, ''),
        })
      }
      for (const stray of htmlElements(page, '.print-text .footnote[data-fn]')) {
        unfloated.push(noteNumber(stray))
      }
    })
    // The end marker must be there and inside its page's text box: text pushed off the last
    // page would otherwise vanish without a trace.
    const end = document.querySelector('.print-pages [data-brief-end]')
    const endBox = end && end.closest('.print-text')
    const endRect = end && end.getBoundingClientRect()
    const box = endBox && endBox.getBoundingClientRect()
    const complete = Boolean(end && box && endRect && endRect.left <= box.right + 2 && endRect.top <= box.bottom + 1)
    // A call the paginator left outside the page's text box is cut off when printed (overflow
    // sits below the box, or to its right in a multi-column layout).
    /** @type {LayoutReading['clipped']} */
    const clipped = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.print-text')
      if (!area) return
      const box = area.getBoundingClientRect()
      for (const call of htmlElements(area, 'sup.footnote-call[data-fn]')) {
        const r = call.getBoundingClientRect()
        if (r.left > box.right + 2 || r.top > box.bottom + 1) clipped.push({ page: index + 1, note: noteNumber(call) })
      }
    })
    // A heading with nothing after it on its page is stranded at the page foot.
    /** @type {LayoutReading['stranded']} */
    const stranded = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.print-text')
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
    /** @type {LayoutReading['printed']} */
    const printed = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.print-text')
      if (!area) return
      const text = Array.from(area.querySelectorAll('main')).map((main) => bodyText(main, area.getBoundingClientRect())).join('')
      printed.push({ page: index + 1, text })
    })
    // Figures apart: one may float to the page after the text that follows it.
    /** @type {LayoutReading['figures']} */
    const figures = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.print-text')
      if (!area) return
      for (const figure of htmlElements(area, 'main figure')) {
        figures.push({ page: index + 1, ref: figure.dataset.ref || '', text: bodyText(figure, area.getBoundingClientRect()) })
      }
    })
    // A paragraph split over two pages must leave at least two lines on each side.
    /** @type {LayoutReading['lonely']} */
    const lonely = []
    let splits = 0
    // Lines of a paragraph: the baselines of its own text. Note calls and the notes still
    // standing in it are left out (a raised call is not a line of its own).
    /** @param {Element} element */
    const lines = (element) => {
      const range = document.createRange()
      /** @type {number[]} */
      const bottoms = []
      for (const node of textNodes(element)) {
        if (!node.textContent.trim() || node.parentElement?.closest('sup, sub, .footnote')) continue
        range.selectNodeContents(node)
        for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) bottoms.push(r.bottom)
      }
      bottoms.sort((a, b) => a - b)
      return bottoms.filter((b, i) => i === 0 || b - /** @type {number} */ (bottoms[i - 1]) > 3).length
    }
    // The last line of a paragraph that runs on to the next page is justified; if few words
    // are left on it, their spaces open wide. Report lines whose spaces are over three times
    // a normal space.
    /** @type {NonNullable<LayoutReading['stretched']>} */
    const stretched = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.print-text')
      if (!area) return
      for (const p of htmlElements(area, 'main p')) {
        if (p.closest('.footnote')) continue
        const count = lines(p)
        const line = Number(p.dataset.line) || undefined
        if (p.hasAttribute('data-split-to')) {
          splits++
          if (count < 2) lonely.push({ page: index + 1, kind: 'orphan', line })
          if (widestGap(p) > 3) stretched.push({ page: index + 1, line })
        }
        if (p.hasAttribute('data-split-from') && count < 2) lonely.push({ page: index + 1, kind: 'widow', line })
      }
    })
    // The foot of each page but the last: how much of its text box is left empty, and what
    // the next page starts with (the element that did not fit, or the rest of one split).
    /** @type {LayoutReading['ends']} */
    const ends = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.print-text')
      const nextArea = pages[index + 1]?.querySelector('.print-text')
      if (!area || !nextArea) return
      const box = footOf(page, area)
      const next = firstBlock(nextArea)
      const last = lastBlock(area)
      const forced = Boolean(last?.matches('.page-break') || next?.closest('[data-break-before="page"], [data-previous-break-after="page"]'))
      ends.push({
        page: index + 1,
        gap: Math.max(0, Math.round((box.bottom - contentBottom(area, box)) * 0.75 * 10) / 10),
        forced,
        ...(next ? { next: { tag: next.tagName.toLowerCase(), ...(next.dataset.line ? { line: Number(next.dataset.line) } : {}), continued: next.hasAttribute('data-split-from') } } : {}),
      })
    })
    return { pages: pages.length, calls, bodies, unfloated, complete, clipped, stranded, printed, figures, lonely, splits, stretched, ends }
  },
}

/** Blocks a page can start or end with; the first or last one on a page is what moved or stayed. */
const blocks = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'table', 'tr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'hr', '.fenced-div'].map((b) => `main ${b}`).join(', ')

/**
 * The first block of a page's text box.
 * @param {Element} area
 * @returns {HTMLElement | null}
 */
function firstBlock(area) {
  const first = area.querySelector(blocks)
  if (!(first instanceof HTMLElement)) return null
  // The outermost block that starts there: a figure rather than its caption, a table rather
  // than its first row, a list rather than its first item.
  let outer = first
  for (let child = /** @type {Element} */ (first), up = first.parentElement; up && !up.matches('main') && up.firstElementChild === child; child = up, up = up.parentElement) {
    if (up instanceof HTMLElement && up.matches(blocks)) outer = up
  }
  return outer
}

/**
 * The last block of a page's text box (a forced page break is one).
 * @param {Element} area
 * @returns {HTMLElement | null}
 */
function lastBlock(area) {
  const all = area.querySelectorAll(`${blocks}, main .page-break`)
  const last = all[all.length - 1]
  return last instanceof HTMLElement ? last : null
}

/**
 * The text box of a page, down to where its text may really go: the top of the note area as
 * drawn (above the rule), or the foot of the page area. The paginator's own text box can end
 * higher: it keeps the height it gave a note whose call then moved to the next page.
 * @param {Element} page
 * @param {Element} area
 * @returns {DOMRect}
 */
function footOf(page, area) {
  const box = area.getBoundingClientRect()
  const notes = page.querySelector('.print-notes-content:not(.print-notes-empty)')
  const note = notes?.querySelector('.footnote')
  const foot = note && notes ? notes.getBoundingClientRect().top - parseFloat(getComputedStyle(notes).marginTop) : page.querySelector('.print-page-area')?.getBoundingClientRect().bottom
  return foot ? new DOMRect(box.left, box.top, box.width, foot - box.top) : box
}

/**
 * The bottom of what a page's text box shows: its lines of text, images and table rows (a
 * block's own box may run on into the columns where the paginator keeps what did not fit).
 * @param {Element} area
 * @param {DOMRect} box
 */
function contentBottom(area, box) {
  let bottom = box.top
  /** @param {DOMRect} r */
  const take = (r) => {
    if (r.width > 0 && r.height > 0 && r.left < box.right - 1 && r.top < box.bottom - 1 && r.bottom > bottom) bottom = Math.min(r.bottom, box.bottom)
  }
  const range = document.createRange()
  for (const node of textNodes(area)) {
    if (!node.data.trim()) continue
    range.selectNodeContents(node)
    for (const r of range.getClientRects()) take(r)
  }
  for (const element of area.querySelectorAll('img, svg, video, canvas, tr, hr')) for (const r of element.getClientRects()) take(r)
  return bottom
}

/**
 * The HTML elements under `root` that match `selector`. The print page is HTML throughout (no
 * SVG or MathML element is a paragraph, a note or a call), which the DOM's types cannot know.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {NodeListOf<HTMLElement>}
 */
function htmlElements(root, selector) {
  return /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(selector))
}

/**
 * The note number of an element found by a `[data-fn]` selector: the selector guarantees the
 * attribute, which the DOM's types cannot know.
 * @param {HTMLElement} element
 * @returns {string}
 */
function noteNumber(element) {
  return /** @type {string} */ (element.dataset.fn)
}

/**
 * The text nodes under `root`, in document order.
 * @param {Node} root
 * @returns {Text[]}
 */
function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  /** @type {Text[]} */
  const nodes = []
  // SHOW_TEXT yields only text nodes; the walker's type does not say so.
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(/** @type {Text} */ (node))
  return nodes
}

/**
 * The average space on the paragraph's last line, in widths of a normal space.
 * @param {HTMLElement} paragraph
 */
function widestGap(paragraph) {
  const all = document.createRange()
  all.selectNodeContents(paragraph)
  const lines = linesIn(paragraph, all)
  const last = lines[lines.length - 1]
  if (lines.length < 2 || !last) return 0
  // The boxes of the last line's words. A raised note call or a sub- or superscript is a box
  // too, joined to the word it touches: left out, its width would count as space.
  const fontSize = parseFloat(getComputedStyle(paragraph).fontSize)
  /** @type {Array<{ left: number, right: number }>} */
  const boxes = []
  const probe = document.createRange()
  for (const node of textNodes(paragraph)) {
    const raised = node.parentElement?.closest('sup, sub')
    if (node.parentElement?.closest('.footnote, .line-end-hyphen')) continue
    for (const match of node.textContent.matchAll(/\S+/g)) {
      probe.setStart(node, match.index)
      probe.setEnd(node, match.index + match[0].length)
      for (const r of probe.getClientRects()) {
        const onLine = raised ? r.bottom <= last.bottom + 3 && r.bottom > last.bottom - fontSize : Math.abs(r.bottom - last.bottom) <= 3
        if (r.width > 0 && onLine) boxes.push({ left: r.left, right: r.right })
      }
    }
  }
  boxes.sort((a, b) => a.left - b.left)
  /** @type {Array<{ left: number, right: number }>} */
  const words = []
  for (const box of boxes) {
    const previous = words[words.length - 1]
    if (previous && box.left - previous.right < 0.5) previous.right = Math.max(previous.right, box.right)
    else words.push({ ...box })
  }
  if (words.length < 2) return 0
  let spaces = 0
  for (let i = 1; i < words.length; i++) spaces += Math.max(0, /** @type {{ left: number }} */ (words[i]).left - /** @type {{ right: number }} */ (words[i - 1]).right)
  return spaces / (words.length - 1) / (fontSize * 0.25)
}

/** Soft hyphens, the paginator's non-breaking hyphens and white space do not count. */
const invisible = /[\s\u00ad\u2011]+/g

/**
 * Text of a `main` element (or of a figure) without notes and note calls, and in `main`
 * without its figures; with `box`, only the characters drawn inside it (a word split over
 * two lines is checked letter by letter).
 * @param {Element | null} main
 * @param {DOMRect | null} box
 */
function bodyText(main, box) {
  if (!main) return ''
  const left = main.matches('figure') ? '.footnote, sup.footnote-call, [data-footnote-call], .sr-only, .line-end-hyphen' : '.footnote, sup.footnote-call, [data-footnote-call], .sr-only, .line-end-hyphen, figure'
  let out = ''
  for (const node of textNodes(main)) {
    if (node.parentElement?.closest(left)) continue
    if (!box) {
      out += node.textContent
      continue
    }
    /** @param {DOMRect} rect */
    const inside = (rect) => rect.width > 0 && rect.left < box.right - 1 && rect.top < box.bottom - 1 && rect.bottom > box.top
    const text = node.textContent
    const range = document.createRange()
    for (const match of text.matchAll(/\S+/g)) {
      range.setStart(node, match.index)
      range.setEnd(node, match.index + match[0].length)
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0)
      if (rects.length <= 1) {
        if (rects[0] && inside(rects[0])) out += match[0]
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

/**
 * The paragraph's own text within `range`, piece by piece (`node`, `from`, `to`): note calls,
 * sub/superscripts and notes still standing in it are left out.
 * @param {Element} paragraph
 * @param {Range} range
 * @param {(node: Text, from: number, to: number) => void} each
 */
function ownText(paragraph, range, each) {
  for (const node of textNodes(paragraph)) {
    if (node.parentElement?.closest('sup, sub, .footnote, .line-end-hyphen') || !range.intersectsNode(node)) continue
    each(node, node === range.startContainer ? range.startOffset : 0, node === range.endContainer ? range.endOffset : node.length)
  }
}

/**
 * Bottoms of the text lines of `paragraph` that lie within `range` (note calls and notes left
 * out), and for each line the first text position on it.
 * @param {Element} paragraph
 * @param {Range} range
 * @returns {Array<{ bottom: number, node: Text, offset: number }>}
 */
function linesIn(paragraph, range) {
  /** @type {Array<{ bottom: number, node: Text, offset: number }>} */
  const lines = []
  const probe = document.createRange()
  /** @param {Text} node @param {number} from @param {number} to */
  const drawn = (node, from, to) => {
    probe.setStart(node, from)
    probe.setEnd(node, to)
    return Array.from(probe.getClientRects()).filter((r) => r.width > 0)
  }
  /** @param {number} bottom @param {Text} node @param {number} offset */
  const add = (bottom, node, offset) => {
    const last = lines[lines.length - 1]
    if (!last || Math.abs(bottom - last.bottom) > 3) lines.push({ bottom, node, offset })
  }
  ownText(paragraph, range, (node, from, to) => {
    // Word by word: a word drawn in one piece lies on one line. Only a word broken over lines
    // (at a hyphen) is measured letter by letter, to find where the next line starts. On a
    // long brief this was thousands of measurements a page.
    const words = /\S+/g
    words.lastIndex = from
    for (let word = words.exec(node.textContent); word && word.index < to; word = words.exec(node.textContent)) {
      const end = Math.min(word.index + word[0].length, to)
      const pieces = drawn(node, word.index, end)
      if (pieces.length === 1) {
        add(/** @type {DOMRect} */ (pieces[0]).bottom, node, word.index)
        continue
      }
      for (let i = word.index; i < end; i++) {
        const rect = drawn(node, i, i + 1).pop()
        if (rect) add(rect.bottom, node, i)
      }
    }
  })
  return lines
}
