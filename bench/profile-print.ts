/**
 * Where the print layout spends its time: `node --import tsx bench/profile-print.ts BRIEF…`.
 * For each brief, the page our PDF build hands to Paged.js is laid out as the build does it
 * (same scripts, same order), under a Chrome trace. Printed per brief: the layout's wall
 * time, the style recalculations and layouts Chromium ran (count and time), how many of them
 * ran inside Paged.js's footnote handler (placing notes, and checking a page's notes once it
 * is done), per note; and, for comparison, the cost of laying the same flow out once in one
 * column with every note beside it and reading every line box and note height (the floor of
 * a paginator that measures once), and the one-pass paginator (in-page/one-pass.js) itself on
 * the same page. Timings on a shared machine vary; the counts do not.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BrowserSession } from '../src/render/print/browser.ts'
import { writePrintPage } from './print-page.ts'

const repo = path.resolve(import.meta.dirname, '..')
const inPage = (name: string) => path.join(repo, 'src', 'render', 'print', 'in-page', name)
const polyfill = path.join(path.dirname(fileURLToPath(import.meta.resolve('pagedjs'))), '..', 'dist', 'paged.polyfill.js')

/** Wraps the footnote handler's methods in user-timing marks, so the trace can attribute layouts to them. */
const instrument = `(() => {
  const register = window.__briefRegisterHandlers
  window.__briefRegisterHandlers = (Paged) => {
    const out = register(Paged)
    const Footnotes = Paged.registeredHandlers.find((h) => typeof h.prototype.moveFootnote === 'function')
    window.__profile = { notes: 0 }
    let depth = 0
    for (const name of ['renderNode', 'afterPageLayout', 'afterOverflowRemoved']) {
      const own = Footnotes.prototype[name]
      Footnotes.prototype[name] = function (...args) {
        if (depth++ === 0) performance.mark('fn-start')
        try { return own.apply(this, args) } finally { if (--depth === 0) performance.mark('fn-end') }
      }
    }
    const move = Footnotes.prototype.moveFootnote
    Footnotes.prototype.moveFootnote = function (...args) { window.__profile.notes++; return move.apply(this, args) }
    return out
  }
})(); null`

/** The one-pass floor: the flow in one column at the text box's width, notes beside it at theirs; every line box and note height read once. */
const onePass = `(() => {
  const t0 = performance.now()
  const main = document.querySelector('main')
  const notes = Array.from(document.querySelectorAll('.footnote[data-fn]'))
  const shelf = document.createElement('div')
  shelf.style.cssText = 'position:absolute;left:0;top:0;width:160mm;font-size:8.5pt'
  document.body.append(shelf)
  for (const n of notes) { const c = n.cloneNode(true); c.style.display = 'block'; shelf.append(c) }
  for (const n of notes) n.style.display = 'none'
  main.style.width = '160mm'
  let lines = 0
  const range = document.createRange()
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue
    range.selectNodeContents(node)
    lines += range.getClientRects().length
  }
  let heights = 0
  for (const c of shelf.children) heights += c.getBoundingClientRect().height
  const t1 = performance.now()
  shelf.remove()
  for (const n of notes) n.style.display = ''
  main.style.width = ''
  return { ms: Math.round(t1 - t0), rects: lines, notes: notes.length, noteHeight: Math.round(heights) }
})()`

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; cat: string }

function summarise(events: TraceEvent[]) {
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && (e.name === 'fn-start' || e.name === 'fn-end')).sort((a, b) => a.ts - b.ts)
  const spans: Array<[number, number]> = []
  for (let i = 0; i + 1 < marks.length; i++) if (marks[i]!.name === 'fn-start' && marks[i + 1]!.name === 'fn-end') spans.push([marks[i]!.ts, marks[i + 1]!.ts])
  const inside = (ts: number) => spans.some(([a, b]) => ts >= a && ts <= b)
  const tally = (name: string) => {
    const all = events.filter((e) => e.name === name && e.ph === 'X')
    const notes = all.filter((e) => inside(e.ts))
    const ms = (list: TraceEvent[]) => Math.round(list.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000)
    return { count: all.length, ms: ms(all), inNotes: notes.length, inNotesMs: ms(notes) }
  }
  const handlerMs = Math.round(spans.reduce((s, [a, b]) => s + (b - a), 0) / 1000)
  return { layout: tally('Layout'), style: tally('UpdateLayoutTree'), handlerMs }
}

const session = await BrowserSession.launch()
try {
  for (const brief of process.argv.slice(2)) {
    const scratch = await mkdtemp(path.join(tmpdir(), 'brief-profile-'))
    const page = path.join(scratch, 'print.html')
    await writePrintPage(path.join(brief, 'brief.md'), path.dirname(path.dirname(brief)), page)
    await session.withPage(async (tab) => {
      await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' })
      await tab.evaluate('Promise.all(Array.from(document.fonts).map((f) => f.load().catch(() => null))).then(() => document.fonts.ready).then(() => null)')
      const floor = await tab.evaluate(onePass)
      await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' })
      for (const name of ['readings.js', 'floats.js', 'layout-fixes.js']) await tab.addScriptTag({ path: inPage(name) })
      await tab.evaluate(instrument)
      await tab.evaluate(`window.__briefPaged = new Promise((done) => { window.PagedConfig = { auto: true, before: () => window.__briefRegisterHandlers(window.Paged), after: () => done(true) } }); null`)
      await tab.evaluate('Promise.all(Array.from(document.fonts).map((f) => f.load().catch(() => null))).then(() => document.fonts.ready).then(() => null)')
      await tab.tracing.start({ categories: ['devtools.timeline', 'blink.user_timing'] })
      const started = performance.now()
      await tab.addScriptTag({ url: pathToFileURL(polyfill).href })
      await tab.evaluate('window.__briefPaged')
      const layoutMs = Math.round(performance.now() - started)
      const trace = JSON.parse(new TextDecoder().decode(await tab.tracing.stop())) as { traceEvents: TraceEvent[] }
      const pages = await tab.evaluate('document.querySelectorAll(".pagedjs_page").length')
      const notes = await tab.evaluate('window.__profile.notes')
      const s = summarise(trace.traceEvents)
      // The one-pass paginator on the same page, under the same trace.
      await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' })
      for (const name of ['readings.js', 'floats.js', 'layout-fixes.js', 'one-pass.js']) await tab.addScriptTag({ path: inPage(name) })
      await tab.evaluate('Promise.all(Array.from(document.fonts).map((f) => f.load().catch(() => null))).then(() => document.fonts.ready).then(() => null)')
      await tab.tracing.start({ categories: ['devtools.timeline'] })
      const begun = performance.now()
      const one = await tab.evaluate('window.__briefOnePass()')
      const onePassMs = Math.round(performance.now() - begun)
      const oneTrace = JSON.parse(new TextDecoder().decode(await tab.tracing.stop())) as { traceEvents: TraceEvent[] }
      const o = summarise(oneTrace.traceEvents)
      const passed = { ms: onePassMs, ...(one as object), layouts: o.layout.count, layoutMs: o.layout.ms, styles: o.style.count, styleMs: o.style.ms }
      console.log(JSON.stringify({ brief: path.basename(brief), pages, notesPlaced: notes, layoutMs, ...s, onePassFloor: floor, onePass: passed }))
    }, { deadline: 600_000, label: 'profile' })
    await rm(scratch, { recursive: true, force: true })
  }
} finally {
  await session.close()
}
