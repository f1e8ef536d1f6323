// @ts-check
// The paginator (src/render/print/pdf.ts; its design is in docs/performance.md): the brief's
// flow is laid out once, in one column as wide as the text box, with every note laid out once
// beside it at the note area's width. From that single layout it reads the line boxes, where
// each note call stands and each note's height, chooses every page break in one pass, and then
// cuts the flow into pages Chromium prints natively (it draws the @page margin boxes itself).
//
// Glossary. An *item* is what a page holds or does not: a line of a paragraph, or a block that
// is never split (a heading, a figure, a table row, a box kept whole). A *break* is the place
// before an item where one page ends and the next begins. A *float* is a figure that did not
// fit at the foot of a page with text above it: it starts the next page, and the text after it
// fills the page it left. A note *slot* is a note's height in the note area, margin included.
//
// The pages it builds (.print-page › .print-page-area › .print-text and .print-notes, with
// data-split-from / data-split-to on the pieces of an element cut over two pages) are what the
// readings (readings.js) and the soft-hyphen settling (soft-hyphens.js) read, and what
// styles/print.css styles.
//
// A classic script injected by pdf.ts after readings.js (whose textNodes it uses) and
// soft-hyphens.js (whose lineEndHyphen it uses): all share the page's one global scope, and
// tsconfig.in-page.json checks them that way.
'use strict'

/**
 * @typedef {{ node: Node, offset: number } | { before: Element }} BreakPoint
 * @typedef {{
 *   kind: 'line' | 'block',
 *   start: number,
 *   top: number,
 *   end: number,
 *   at: BreakPoint,
 *   calls: string[],
 *   allowed: boolean,
 *   keepAfter: boolean,
 *   forceAfter: boolean,
 *   forceBefore: boolean,
 *   float: Element | null,
 *   paragraph: Element | null,
 *   justify: boolean,
 * }} Item
 * @typedef {{ fn: string, from: number, to: number }} NotePart  from/to: line indexes of the note, to exclusive (-1: to its end)
 * @typedef {{ from: number, to: number, floats: number[], deferred: number[], notes: NotePart[] }} Page
 */

window.__briefOnePass = () => {
  const started = performance.now()
  const geometry = pageGeometry()
  const css = document.createElement('style')
  css.textContent = pageCss(geometry)
  document.head.append(css)

  // The flow: everything in the body, in one column as wide as the text box.
  const flow = document.createElement('div')
  flow.className = 'brief-flow'
  flow.append(...Array.from(document.body.childNodes))
  document.body.append(flow)
  let refs = 0
  for (const element of flow.querySelectorAll('*')) {
    if ((element instanceof HTMLElement || element instanceof SVGElement) && !element.dataset.ref) element.dataset.ref = `o${refs++}`
  }
  // The end marker (readings.js: was everything laid out?) goes right after the brief's last
  // word: left after the last block, it would stand below that block's bottom margin, a line
  // no page counts.
  const marker = flow.querySelector('main [data-brief-end]')
  const words = marker ? textNodes(/** @type {Element} */ (marker.parentElement)).filter((t) => t.data.trim() && !t.parentElement?.closest('.footnote')) : []
  const lastWord = words[words.length - 1]
  if (marker && lastWord) lastWord.after(marker)
  // An ordered list split over pages goes on counting: each item keeps its number.
  for (const list of htmlElements(flow, 'ol:not([reversed])')) {
    let n = list.hasAttribute('start') ? Number(list.getAttribute('start')) : 1
    for (const item of Array.from(list.children)) {
      if (item.tagName !== 'LI') continue
      if (item.hasAttribute('value')) n = Number(item.getAttribute('value'))
      item.setAttribute('value', String(n++))
    }
  }

  // The notes leave the flow (a note's text never counts in its call's line) and are laid out
  // together in a note area of the page's width: the shelf.
  const shelf = noteArea()
  shelf.area.classList.add('brief-shelf')
  /** @type {Map<string, HTMLElement>} */
  const notes = new Map()
  for (const note of htmlElements(flow, '.footnote[data-fn]')) {
    if (note.parentElement?.closest('.footnote')) continue
    note.remove()
    shelf.inner.append(note)
    notes.set(/** @type {string} */ (note.dataset.fn), note)
  }
  shelf.content.classList.remove('print-notes-empty')
  document.body.append(shelf.area)

  // One page, empty, to read the text box and the note area's own height from.
  const probe = pageShell()
  probe.page.classList.add('brief-probe')
  probe.notes.content.classList.remove('print-notes-empty')
  document.body.append(probe.page)

  // ---- Everything below until the pages are built only reads: one layout.
  const capacity = probe.content.getBoundingClientRect().height + probe.notes.area.getBoundingClientRect().height
  const noteStyle = getComputedStyle(probe.notes.content)
  const overhead = parseFloat(noteStyle.marginTop) + parseFloat(noteStyle.paddingTop) + parseFloat(noteStyle.borderTopWidth)
  probe.page.remove()
  for (const element of flow.querySelectorAll('*')) displayOf(element)
  const items = collectItems(flow, capacity)
  /** @type {Map<string, { slot: number, lines: number[], starts: Array<{ node: Text, offset: number }> | null }>} */
  const noteSizes = new Map()
  for (const [fn, note] of notes) {
    const margin = parseFloat(getComputedStyle(note).marginBottom) || 0
    noteSizes.set(fn, { slot: note.getBoundingClientRect().height + margin, lines: [], starts: null })
  }
  /** The line ends of a note, from its top (measured only for a note that may be split). */
  const noteLines = (/** @type {string} */ fn) => {
    const size = /** @type {{ slot: number, lines: number[], starts: Array<{ node: Text, offset: number }> | null }} */ (noteSizes.get(fn))
    if (!size.starts) {
      const note = /** @type {HTMLElement} */ (notes.get(fn))
      const found = lineStarts(note, note.getBoundingClientRect())
      size.starts = found.starts
      size.lines = found.ends
    }
    return size
  }

  const pages = plan(items, capacity, overhead, noteSizes, noteLines)
  const planned = performance.now()

  // ---- Writes: the pages are cut from the flow, first to last.
  const built = build(flow, items, pages, notes, noteSizes)
  shelf.area.remove()
  flow.remove()
  document.body.append(built)
  // An element cut over pages keeps its id on its first piece only.
  const seen = new Set()
  for (const element of built.querySelectorAll('[id]')) {
    if (seen.has(element.id)) element.removeAttribute('id')
    else seen.add(element.id)
  }
  return { pages: pages.length, items: items.length, planMs: Math.round(planned - started), buildMs: Math.round(performance.now() - planned) }
}

/**
 * The page's size and margins from the print stylesheet's @page rule, as CSS lengths.
 * @returns {{ width: string, height: string, top: string, right: string, bottom: string, left: string }}
 */
function pageGeometry() {
  /** @type {Record<string, [string, string]>} */
  const sizes = { a4: ['210mm', '297mm'], a5: ['148mm', '210mm'], a3: ['297mm', '420mm'], letter: ['8.5in', '11in'], legal: ['8.5in', '14in'] }
  /** @type {[string, string]} */
  let size = ['210mm', '297mm']
  let margins = { top: '22mm', right: '22mm', bottom: '24mm', left: '22mm' }
  for (const sheet of Array.from(document.styleSheets)) {
    let rules
    try {
      rules = Array.from(sheet.cssRules)
    } catch {
      continue
    }
    for (const rule of rules) {
      if (!(rule instanceof CSSPageRule) || rule.selectorText) continue
      const words = rule.style.getPropertyValue('size').trim().toLowerCase().split(/\s+/).filter(Boolean)
      const named = words.find((w) => w in sizes)
      if (named) size = /** @type {[string, string]} */ (sizes[named])
      else if (words.length >= 2 && /\d/.test(words[0] || '')) size = [/** @type {string} */ (words[0]), /** @type {string} */ (words[1])]
      if (words.includes('landscape')) size = [size[1], size[0]]
      for (const side of /** @type {const} */ (['top', 'right', 'bottom', 'left'])) {
        const value = rule.style.getPropertyValue(`margin-${side}`)
        if (value) margins = { ...margins, [side]: value }
      }
    }
  }
  return { width: size[0], height: size[1], ...margins }
}

/**
 * The pages' own style: each page one printed sheet's text box, its note area at the foot
 * (print.css styles the note area itself).
 * @param {ReturnType<typeof pageGeometry>} g
 */
function pageCss(g) {
  const width = `calc(${g.width} - ${g.left} - ${g.right})`
  const height = `calc(${g.height} - ${g.top} - ${g.bottom})`
  return `
  body { margin: 0; }
  .brief-flow { width: ${width}; display: flow-root; }
  .brief-shelf { position: absolute; left: 0; top: 0; width: ${width}; visibility: hidden; }
  .brief-probe { position: absolute; left: 0; top: 0; visibility: hidden; }
  .print-page { width: ${width}; height: ${height}; overflow: hidden; break-after: page; }
  .print-page:last-child { break-after: auto; }
  .print-page-area { width: 100%; height: 100%; display: flex; flex-direction: column; }
  .print-text { flex: 1 1 auto; min-height: 0; display: flow-root; }
  .print-notes { flex: 0 0 auto; }
  .print-notes-empty { display: none; }
  .print-notes-inner { display: flow-root; }
  .print-text [data-split-to] { margin-bottom: 0; padding-bottom: 0; }
  .print-text [data-split-from] { text-indent: 0; margin-top: 0; padding-top: 0; }
  .print-text li[data-split-from]:first-of-type { list-style: none; }
  [data-align-last-split-element='justify'] { text-align-last: justify; }
  `
}

/** An empty note area: area › content (the rule above the notes) › inner content. */
function noteArea() {
  const area = document.createElement('div')
  area.className = 'print-notes'
  const content = document.createElement('div')
  content.className = 'print-notes-content print-notes-empty'
  const inner = document.createElement('div')
  inner.className = 'print-notes-inner'
  content.append(inner)
  area.append(content)
  return { area, content, inner }
}

/** An empty page: page › area › (content, note area). */
function pageShell() {
  const page = document.createElement('div')
  page.className = 'print-page'
  const area = document.createElement('div')
  area.className = 'print-page-area'
  const content = document.createElement('div')
  content.className = 'print-text'
  const notes = noteArea()
  area.append(content, notes.area)
  page.append(area)
  return { page, content, notes }
}

const atomTags = new Set(['FIGURE', 'IMG', 'SVG', 'svg', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'PRE', 'VIDEO', 'CANVAS'])

/**
 * The items of the flow, in order, read from its one layout.
 * @param {HTMLElement} flow
 * @param {number} capacity the height of a page's text box
 * @returns {Item[]}
 */
function collectItems(flow, capacity) {
  /** @type {Item[]} */
  const items = []
  /** @type {Map<Element, CSSStyleDeclaration>} */
  const styles = new Map()
  const style = (/** @type {Element} */ e) => {
    let s = styles.get(e)
    if (!s) styles.set(e, (s = getComputedStyle(e)))
    return s
  }
  const isBlock = (/** @type {Element} */ e) => {
    const d = style(e).display
    return d !== 'none' && !d.startsWith('inline') && d !== 'contents'
  }
  const visible = (/** @type {Node} */ n) => (n instanceof Element ? style(n).display !== 'none' : Boolean(n.textContent && n.textContent.trim()))
  /** The page top if a page began with `element`: above it, the margins of the blocks it starts. */
  const startOf = (/** @type {Element} */ element) => {
    let top = element.getBoundingClientRect().top - (parseFloat(style(element).marginTop) || 0)
    for (let e = element, up = element.parentElement; up && up !== flow && firstContent(up) === e; e = up, up = up.parentElement) {
      top = Math.min(top, up.getBoundingClientRect().top - (parseFloat(style(up).marginTop) || 0))
    }
    return top
  }
  /** The foot of what a page ending with `element` shows: the boxes it ends, borders and padding included. */
  const endOf = (/** @type {Element} */ element, /** @type {number} */ bottom) => {
    for (let e = element, up = element.parentElement; up && up !== flow && lastContent(up) === e; e = up, up = up.parentElement) {
      bottom = Math.max(bottom, up.getBoundingClientRect().bottom)
    }
    return bottom
  }
  const callsIn = (/** @type {Element} */ e) => Array.from(e.querySelectorAll('sup.footnote-call[data-fn]'), (c) => /** @type {string} */ (/** @type {HTMLElement} */ (c).dataset.fn))
  const forced = (/** @type {string} */ value) => value === 'page' || value === 'always' || value === 'left' || value === 'right'
  /** @param {Element} element */
  const block = (element) => {
    const s = style(element)
    const rect = element.getBoundingClientRect()
    items.push({
      kind: 'block',
      start: startOf(element),
      top: rect.top,
      end: endOf(element, rect.bottom),
      at: { before: element },
      calls: callsIn(element),
      allowed: true,
      keepAfter: s.breakAfter === 'avoid' || element.parentElement?.tagName === 'THEAD',
      forceAfter: forced(s.breakAfter),
      forceBefore: forced(s.breakBefore),
      float: element.matches('main figure') ? element : null,
      paragraph: null,
      justify: false,
    })
  }
  /** @param {Element} element */
  const paragraph = (element) => {
    const rect = element.getBoundingClientRect()
    const s = style(element)
    const { starts, absolute: ends, calls } = lineStarts(element, rect)
    if (starts.length === 0) return block(element)
    const n = starts.length
    const orphans = Number(s.orphans) || 2
    const widows = Number(s.widows) || 2
    const contentTop = rect.top + parseFloat(s.borderTopWidth) + parseFloat(s.paddingTop)
    for (let k = 0; k < n; k++) {
      const top = k === 0 ? contentTop : /** @type {number} */ (ends[k - 1])
      const bottom = k === n - 1 ? rect.bottom : /** @type {number} */ (ends[k])
      const start = /** @type {{ node: Text, offset: number }} */ (starts[k])
      items.push({
        kind: 'line',
        start: k === 0 ? Math.min(top, startOf(element)) : top,
        top,
        end: k === n - 1 ? endOf(element, bottom) : bottom,
        at: k === 0 ? { before: element } : start,
        calls: calls[k] || [],
        allowed: k === 0 || (k >= orphans && n - k >= widows),
        keepAfter: k === n - 1 && s.breakAfter === 'avoid',
        forceAfter: k === n - 1 && forced(s.breakAfter),
        forceBefore: k === 0 && forced(s.breakBefore),
        float: null,
        paragraph: element,
        justify: s.textAlign === 'justify',
      })
    }
  }
  /** @param {Element} element */
  const walk = (element) => {
    for (const child of Array.from(element.children)) {
      if (!isBlock(child)) continue
      const s = style(child)
      const whole = atomTags.has(child.tagName) || s.breakInside === 'avoid' || s.display === 'flex' || s.display === 'grid'
      const fits = child.getBoundingClientRect().height <= capacity
      if (whole && (fits || !child.children.length)) block(child)
      else if (Array.from(child.children).some((c) => isBlock(c))) {
        if (Array.from(child.childNodes).some((c) => c.nodeType === Node.TEXT_NODE && c.textContent?.trim())) block(child)
        else walk(child)
      } else if (child.childNodes.length && Array.from(child.childNodes).some(visible)) paragraph(child)
      else block(child)
    }
  }
  walk(flow)
  return items
}

/**
 * The first or last child of `element` that shows something (white space and hidden elements
 * left out).
 * @param {Element} element
 */
function firstContent(element) {
  for (const child of Array.from(element.childNodes)) if (shows(child)) return child
  return null
}
/** @param {Element} element */
function lastContent(element) {
  const all = Array.from(element.childNodes)
  for (let i = all.length - 1; i >= 0; i--) if (shows(/** @type {Node} */ (all[i]))) return all[i]
  return null
}
/** @param {Node} node */
function shows(node) {
  return node instanceof Element ? displayOf(node) !== 'none' : Boolean(node.textContent && node.textContent.trim())
}

/**
 * Each element's display, read once from the flow's one layout: asked again while the pages
 * are cut (the DOM changing), getComputedStyle would recalculate the style every time.
 * @type {WeakMap<Element, string>}
 */
const displays = new WeakMap()
/** @param {Element} element */
function displayOf(element) {
  let display = displays.get(element)
  if (display === undefined) displays.set(element, (display = getComputedStyle(element).display))
  return display
}

/**
 * The lines of an element holding only inline content: where each starts (a text position),
 * the boundary below each (half way to the next line's text; the last is the element's
 * content foot), and the note calls on each.
 * @param {Element} element
 * @param {DOMRect} rect
 */
function lineStarts(element, rect) {
  /** @type {Array<{ node: Text, offset: number }>} */
  const starts = []
  /** @type {Array<{ top: number, bottom: number }>} */
  const boxes = []
  const range = document.createRange()
  /** The box of character `i` of `node`, if drawn. */
  const charBox = (/** @type {Text} */ node, /** @type {number} */ i) => {
    range.setStart(node, i)
    range.setEnd(node, i + 1)
    const rects = Array.from(range.getClientRects()).filter((r) => r.height > 0 && r.width > 0)
    return rects[rects.length - 1]
  }
  for (const node of textNodes(element)) {
    // Raised calls and markers are not lines of their own (the note measured is itself a .footnote).
    const raised = node.parentElement?.closest('sup, sub, .footnote, .footnote-marker, .sr-only')
    if (raised && raised !== element && element.contains(raised)) continue
    if (!node.data.trim()) continue
    range.selectNodeContents(node)
    const rects = Array.from(range.getClientRects()).filter((r) => r.height > 0 && r.width > 0)
    for (const r of rects) {
      const last = boxes[boxes.length - 1]
      if (last && r.bottom <= last.bottom + 3 && r.top >= last.top - 3) {
        last.top = Math.min(last.top, r.top)
        last.bottom = Math.max(last.bottom, r.bottom)
        continue
      }
      if (last && r.bottom <= last.bottom + 3) continue
      // A new line: find its first character in this node (the characters' boxes go down the lines in order).
      let lo = 0
      let hi = node.length - 1
      const below = (/** @type {number} */ i) => {
        for (let j = i; j < node.length; j++) {
          const box = charBox(node, j)
          if (box) return box.bottom > (last ? last.bottom + 3 : -Infinity)
        }
        return true
      }
      if (!last || below(0)) lo = 0
      else {
        lo = 1
        while (lo < hi) {
          const mid = (lo + hi) >> 1
          if (below(mid)) hi = mid
          else lo = mid + 1
        }
      }
      starts.push({ node, offset: lo })
      boxes.push({ top: r.top, bottom: r.bottom })
    }
  }
  const style = getComputedStyle(element)
  const foot = rect.bottom - parseFloat(style.borderBottomWidth) - parseFloat(style.paddingBottom)
  const ends = boxes.map((b, k) => (k + 1 < boxes.length ? (b.bottom + /** @type {{ top: number }} */ (boxes[k + 1]).top) / 2 : foot))
  /** @type {string[][]} */
  const calls = boxes.map(() => [])
  for (const call of element.querySelectorAll('sup.footnote-call[data-fn]')) {
    const r = call.getBoundingClientRect()
    const y = (r.top + r.bottom) / 2
    let k = ends.findIndex((end) => y <= end)
    if (k < 0) k = ends.length - 1
    calls[k]?.push(/** @type {string} */ (/** @type {HTMLElement} */ (call).dataset.fn))
  }
  return { starts, ends: ends.map((e) => e - rect.top), calls, absolute: ends }
}

/**
 * Every page break, chosen in one pass down the items.
 * @param {Item[]} items
 * @param {number} capacity
 * @param {number} overhead the note area's height above its first note
 * @param {Map<string, { slot: number }>} sizes
 * @param {(fn: string) => { slot: number, lines: number[] }} noteLines
 * @returns {Page[]}
 */
function plan(items, capacity, overhead, sizes, noteLines) {
  /** @type {Page[]} */
  const pages = []
  const slop = 0.5
  const slot = (/** @type {string} */ fn) => sizes.get(fn)?.slot ?? 0
  /** @type {NotePart | null} */
  let carried = null
  /** @type {number[]} */
  let floats = []
  let from = 0
  while (from < items.length || floats.length || carried) {
    /** @type {Page} */
    const page = { from, to: from, floats, deferred: [], notes: [] }
    /** @type {NotePart[]} */
    const placedNotes = []
    let notesHeight = 0
    if (carried) {
      const size = noteLines(carried.fn)
      const total = size.slot
      const done = carried.from > 0 ? /** @type {number} */ (size.lines[carried.from - 1]) : 0
      let rest = total - done
      // The rest of a note longer than a page goes on over several.
      if (overhead + rest > capacity) {
        /** @type {number} */
        let to = carried.from
        while (to < size.lines.length && overhead + /** @type {number} */ (size.lines[to]) - done <= capacity) to++
        to = Math.max(to, carried.from + 1)
        placedNotes.push({ fn: carried.fn, from: carried.from, to })
        rest = (size.lines[to - 1] ?? total) - done
        carried = to < size.lines.length ? { fn: carried.fn, from: to, to: -1 } : null
      } else {
        placedNotes.push({ ...carried })
        carried = null
      }
      notesHeight += rest
    }
    // Floats from the page before open this one.
    let used = 0
    for (const f of floats) {
      const item = /** @type {Item} */ (items[f])
      used += item.end - item.start
      for (const fn of item.calls) {
        placedNotes.push({ fn, from: 0, to: -1 })
        notesHeight += slot(fn)
      }
    }
    floats = []
    const pageTop = from < items.length ? /** @type {Item} */ (items[from]).start : 0
    let shift = 0
    /** @type {Array<{ used: number, notes: number, count: number, deferred: number, shift: number, carried: NotePart | null }>} */
    const marks = []
    let end = from
    /** @type {NotePart | null} */
    let split = null
    let forcedEnd = false
    const lastPlaced = (/** @type {number} */ before) => {
      for (let k = before - 1; k >= from; k--) if (!page.deferred.includes(k)) return k
      return -1
    }
    /** The last place at or before item `k` where a break is allowed (`k` itself if there is none). */
    const breakBefore = (/** @type {number} */ k) => {
      let at = k
      while (at > from && !(/** @type {Item} */ (items[at]).allowed && !(/** @type {Item} */ (items[lastPlaced(at)])?.keepAfter))) at--
      return at === from ? k : at
    }
    /** The page ends before item `at`: what was placed from there on is taken back. */
    const stopAt = (/** @type {number} */ at) => {
      const mark = marks[at - from]
      if (mark) {
        placedNotes.length = mark.count
        notesHeight = mark.notes
        page.deferred.length = mark.deferred
        split = mark.carried
      }
      return at
    }
    for (let i = from; i < items.length; i++) {
      const item = /** @type {Item} */ (items[i])
      marks[i - from] = { used, notes: notesHeight, count: placedNotes.length, deferred: page.deferred.length, shift, carried: split }
      if (i > from && item.forceBefore) {
        forcedEnd = true
        break
      }
      // A figure after one that waits waits too: figures keep their order.
      if (item.float && page.deferred.length) {
        page.deferred.push(i)
        shift += (/** @type {Item} */ (items[i + 1])?.start ?? item.end) - item.start
        continue
      }
      // A call after a waiting figure that has notes of its own ends the page: notes keep their order.
      if (item.calls.length && page.deferred.some((d) => /** @type {Item} */ (items[d]).calls.length)) {
        end = stopAt(breakBefore(i))
        break
      }
      const height = item.end - pageTop - shift + (page.floats.length ? usedFloats(items, page.floats) : 0)
      let extra = 0
      for (const fn of item.calls) extra += slot(fn)
      const area = (h = notesHeight + extra) => (h > 0 ? overhead + h : 0)
      const empty = i === from && !page.floats.length
      if (height + area() <= capacity + slop || (empty && !item.calls.length)) {
        for (const fn of item.calls) placedNotes.push({ fn, from: 0, to: -1 })
        notesHeight += extra
        used = height
        end = i + 1
        if (item.forceAfter) {
          forcedEnd = true
          break
        }
        continue
      }
      // A figure that does not fit below text waits for the next page; the text after it goes on.
      if (item.float && end > from) {
        page.deferred.push(i)
        shift += (/** @type {Item} */ (items[i + 1])?.start ?? item.end) - item.start
        continue
      }
      // The last note of a line may run on to the next page, if two of its lines stay with the
      // call, and the page can end right after this line or one of the next few lines without
      // calls (no orphan, no heading left alone): the note gives those lines its room.
      const last = item.calls[item.calls.length - 1]
      let placed = false
      if (item.kind === 'line' && last) {
        const others = notesHeight + extra - slot(last)
        const size = noteLines(last)
        const floated = page.floats.length ? usedFloats(items, page.floats) : 0
        for (let j = i; j < Math.min(items.length, i + 4) && !placed; j++) {
          const through = /** @type {Item} */ (items[j])
          if (j > i && (through.calls.length || through.kind !== 'line' || through.forceBefore)) break
          const reach = through.end - pageTop - shift + floated
          const room = capacity - reach - overhead - others
          let to = 0
          while (to < size.lines.length && /** @type {number} */ (size.lines[to]) <= room + slop) to++
          const after = items[j + 1]
          const breakable = !after || (after.allowed && !through.keepAfter)
          if (breakable && to >= Math.min(2, size.lines.length) && to < size.lines.length && (to >= 2 || empty)) {
            for (const fn of item.calls.slice(0, -1)) placedNotes.push({ fn, from: 0, to: -1 })
            placedNotes.push({ fn: last, from: 0, to })
            notesHeight = others + /** @type {number} */ (size.lines[to - 1])
            used = reach
            end = j + 1
            split = { fn: last, from: to, to: -1 }
            placed = true
          }
        }
      }
      if (placed) break
      if (empty) {
        // Taller than a page even alone: it goes here all the same (the layout check reports what is cut).
        for (const fn of item.calls) placedNotes.push({ fn, from: 0, to: -1 })
        end = i + 1
        break
      }
      // The break goes before this item or, if not allowed there, before the last item where it is.
      end = stopAt(breakBefore(i))
      break
    }
    if (end === from && from < items.length && !page.floats.length) end = from + 1
    // At a page break asked for, or the brief's end, a figure still waiting goes back where it
    // stood (and with it the heading before it).
    if (page.deferred.length && (forcedEnd || end >= items.length)) end = stopAt(breakBefore(/** @type {number} */ (page.deferred[0])))
    // A heading right before a waiting figure keeps two lines of the text right after the figure
    // on its page; without them (another heading follows, or too little text) the figure goes
    // back, and the page breaks before the heading.
    for (const f of page.deferred.filter((d) => d < end)) {
      if (!(/** @type {Item} */ (items[lastPlaced(f)])?.keepAfter)) continue
      let lines = 0
      for (let k = f + 1; k < end; k++) {
        if (page.deferred.includes(k)) continue
        if (/** @type {Item} */ (items[k]).kind !== 'line') break
        lines++
      }
      if (lines < 2) {
        end = stopAt(breakBefore(f))
        break
      }
    }
    page.to = end
    floats = page.deferred.filter((d) => d < end)
    page.deferred = floats
    page.notes = placedNotes
    carried = carried ?? split
    pages.push(page)
    from = end
    if (pages.length > 5000) break
  }
  return pages
}

/** @param {Item[]} items @param {number[]} floats */
function usedFloats(items, floats) {
  let h = 0
  for (const f of floats) h += /** @type {Item} */ (items[f]).end - /** @type {Item} */ (items[f]).start
  return h
}

/**
 * The pages, cut from the flow in order: each page takes the flow from its start to its break
 * (the elements a break cuts through are copied, the copy ending where the original goes on).
 * @param {HTMLElement} flow
 * @param {Item[]} items
 * @param {Page[]} pages
 * @param {Map<string, HTMLElement>} notes
 * @param {Map<string, { starts: Array<{ node: Text, offset: number }> | null }>} noteSizes
 */
function build(flow, items, pages, notes, noteSizes) {
  const root = document.createElement('div')
  root.className = 'print-pages'
  // Text breaks become node boundaries first, last to first, so every earlier offset stays good.
  /** @type {Map<number, Text>} */
  const afterBreak = new Map()
  const textBreaks = pages.map((p, n) => ({ n, at: /** @type {Item | undefined} */ (items[p.to])?.at })).filter((b) => b.at && 'node' in b.at)
  textBreaks.reverse()
  for (const { n, at } of textBreaks) {
    const { node, offset } = /** @type {{ node: Text, offset: number }} */ (at)
    const next = offset > 0 ? node.splitText(offset) : node
    // A line that starts inside a word broken at a soft hyphen: the hyphen is drawn, as it was.
    if (offset > 0 && node.data.endsWith('\u00ad')) {
      node.after(lineEndHyphen())
    }
    afterBreak.set(n, next)
  }
  /** Splits a note at the start of its line `line`: the part before, a copy, is returned. */
  const cutNote = (/** @type {string} */ fn, /** @type {number} */ line) => {
    const note = /** @type {HTMLElement} */ (notes.get(fn))
    const start = noteSizes.get(fn)?.starts?.[line]
    if (!start) return note
    const range = document.createRange()
    range.setStart(note, 0)
    range.setEnd(start.node, start.offset)
    const head = /** @type {HTMLElement} */ (note.cloneNode(false))
    head.append(range.extractContents())
    note.setAttribute('data-split-from', fn)
    head.setAttribute('data-split-to', fn)
    return head
  }
  const range = document.createRange()
  pages.forEach((page, n) => {
    const shell = pageShell()
    const last = n === pages.length - 1
    range.setStart(flow, 0)
    /** @type {Element[]} */
    let cut = []
    const next = items[page.to]
    if (last || !next) range.setEnd(flow, flow.childNodes.length)
    else {
      /** @type {Node | null} */
      let point = afterBreak.get(n) ?? ('before' in next.at ? next.at.before : null)
      if (!point) range.setEnd(flow, flow.childNodes.length)
      else {
        // A break at the start of a block is a break before that block, and so on up.
        for (let up = point.parentElement; up && up !== flow && firstContent(up) === point; up = up.parentElement) point = up
        range.setEndBefore(point)
        for (let up = point.parentElement; up && up !== flow; up = up.parentElement) cut.push(up)
      }
    }
    if (page.from === page.to && !last) cut = []
    const fragment = range.extractContents()
    // The pieces cut through: the copy here ends the element, the original on the next page goes on.
    for (const original of cut) {
      if (!(original instanceof HTMLElement)) continue
      const copy = fragment.querySelector(`[data-ref="${original.dataset.ref}"]`)
      if (!copy) continue
      copy.setAttribute('data-split-to', original.dataset.ref || '')
      original.setAttribute('data-split-from', original.dataset.ref || '')
      // The last line of a justified paragraph cut here stays justified, as it was in the flow.
      if (original === next?.paragraph && next.justify) copy.setAttribute('data-align-last-split-element', 'justify')
    }
    shell.content.append(fragment)
    // Figures that waited open the page (moved out of the page before, where they were cut with the text).
    const main = shell.content.querySelector('main')
    const opening = page.floats.map((f) => /** @type {Item} */ (items[f]).float).filter((f) => f !== null)
    if (opening.length) {
      if (main) main.prepend(...opening)
      else shell.content.prepend(...opening)
    }
    for (const part of page.notes) {
      const note = part.to >= 0 ? cutNote(part.fn, part.to) : /** @type {HTMLElement} */ (notes.get(part.fn))
      shell.notes.inner.append(note)
    }
    if (page.notes.length) shell.notes.content.classList.remove('print-notes-empty')
    root.append(shell.page)
  })
  return root
}
