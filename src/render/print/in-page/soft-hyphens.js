// @ts-check
// The soft-hyphen settling done on the laid-out pages before printing: the last change the
// page gets. A classic script injected by src/render/print/pdf.ts after readings.js, whose
// textNodes it uses: they share the page's one global scope (tsconfig.in-page.json).
'use strict'

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
  const root = document.querySelector('.print-pages') || document.body
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
      fragment.append(text, lineEndHyphen())
      text = ''
    })
    fragment.append(text)
    node.replaceWith(fragment)
  })
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
    if (text.parentElement?.closest('.footnote')) continue
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

/**
 * The hyphen drawn where a line breaks inside a word: a real one, for the text layer, pulled
 * half a pixel closer so it fits where the soft hyphen's glyph did (the paginator's own, where
 * a page breaks inside a word, is the same).
 */
function lineEndHyphen() {
  const hyphen = document.createElement('span')
  hyphen.className = 'line-end-hyphen'
  hyphen.textContent = '-'
  hyphen.style.letterSpacing = '-0.5px'
  return hyphen
}
