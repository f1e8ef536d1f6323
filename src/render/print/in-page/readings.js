// @ts-check
// Readings of the print page, taken next to the paginator: the notes and the body text before
// pagination, and where they landed after it. Nothing here changes the page; each reading is
// plain data, typed by readings-types.ts, which src/render/print/layout-check.ts judges.
//
// A classic script injected by src/render/print/pdf.ts (before layout-fixes.js, which measures lines
// with linesIn below): both share the page's one global scope, and tsconfig.in-page.json
// checks them that way.
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
    return { texts, lines, body: bodyText(document.querySelector('main'), null) }
  },

  /** @returns {LayoutReading} */
  readLayout() {
    const pages = Array.from(document.querySelectorAll('.pagedjs_page'))
    /** @type {LayoutReading['calls']} */
    const calls = {}
    /** @type {LayoutReading['bodies']} */
    const bodies = {}
    /** @type {LayoutReading['unfloated']} */
    const unfloated = []
    pages.forEach((page, index) => {
      const number = index + 1
      for (const call of htmlElements(page, '.pagedjs_page_content sup.footnote-call[data-fn]')) {
        ;(calls[noteNumber(call)] = calls[noteNumber(call)] || []).push(number)
      }
      for (const body of htmlElements(page, '.pagedjs_footnote_area .footnote[data-fn]')) {
        ;(bodies[noteNumber(body)] = bodies[noteNumber(body)] || []).push({
          page: number,
          continued: body.hasAttribute('data-split-from'),
          text: (body.textContent || '').replace(/\s+/g, ''),
        })
      }
      for (const stray of htmlElements(page, '.pagedjs_page_content .footnote[data-fn]')) {
        unfloated.push(noteNumber(stray))
      }
    })
    // The end marker must be there and inside its page's text box: text pushed off the last
    // page would otherwise vanish without a trace.
    const end = document.querySelector('.pagedjs_pages [data-brief-end]')
    const endBox = end && end.closest('.pagedjs_page_content')
    const endRect = end && end.getBoundingClientRect()
    const box = endBox && endBox.getBoundingClientRect()
    const complete = Boolean(end && box && endRect && endRect.left <= box.right + 2 && endRect.top <= box.bottom + 1)
    // A call the paginator left outside the page's text box is cut off when printed (Paged.js
    // lays a page out in CSS columns: overflow sits to the right of the box, or below it).
    /** @type {LayoutReading['clipped']} */
    const clipped = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.pagedjs_page_content')
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
    /** @type {LayoutReading['printed']} */
    const printed = []
    pages.forEach((page, index) => {
      const area = page.querySelector('.pagedjs_page_content')
      if (!area) return
      const text = Array.from(area.querySelectorAll('main')).map((main) => bodyText(main, area.getBoundingClientRect())).join('')
      printed.push({ page: index + 1, text })
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
      const area = page.querySelector('.pagedjs_page_content')
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
    return { pages: pages.length, calls, bodies, unfloated, complete, clipped, stranded, printed, lonely, splits, stretched }
  },
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
  /** @type {DOMRect[]} */
  const words = []
  const probe = document.createRange()
  for (const node of textNodes(paragraph)) {
    if (node.parentElement?.closest('sup, sub, .footnote, .line-end-hyphen')) continue
    for (const match of node.textContent.matchAll(/\S+/g)) {
      probe.setStart(node, match.index)
      probe.setEnd(node, match.index + match[0].length)
      for (const r of probe.getClientRects()) if (r.width > 0 && Math.abs(r.bottom - last.bottom) <= 3) words.push(r)
    }
  }
  if (words.length < 2) return 0
  words.sort((a, b) => a.left - b.left)
  let spaces = 0
  for (let i = 1; i < words.length; i++) {
    const word = /** @type {DOMRect} */ (words[i])
    const previous = /** @type {DOMRect} */ (words[i - 1])
    spaces += Math.max(0, word.left - previous.right)
  }
  const space = parseFloat(getComputedStyle(paragraph).fontSize) * 0.25
  return spaces / (words.length - 1) / space
}

/** Soft hyphens, the paginator's non-breaking hyphens and white space do not count. */
const invisible = /[\s\u00ad\u2011]+/g

/**
 * Text of a `main` element without notes and note calls; with `box`, only the characters
 * drawn inside it (a word split over two lines is checked letter by letter).
 * @param {Element | null} main
 * @param {DOMRect | null} box
 */
function bodyText(main, box) {
  if (!main) return ''
  let out = ''
  for (const node of textNodes(main)) {
    if (node.parentElement?.closest('.footnote, sup.footnote-call, [data-footnote-call], .sr-only, .line-end-hyphen')) continue
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
