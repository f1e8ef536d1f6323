/**
 * The speed benchmark: `npm run bench` (RUNS=3 by default; BENCH_SMOKE=1 for the quick version
 * the test suite runs). Every figure is a real command timed from spawn to exit, as a user
 * runs it, with the peak memory of its process tree. Runs are interleaved (each case once per
 * round) so the machine's drift touches every case alike; a row gives the median and the
 * min–max of its rounds. Each target is checked against a reference measured in the same
 * rounds — bare Chromium printing our own page, pagedjs-cli on that page, pandoc — and marked
 * PASS or FAIL. Writes bench/results.md (or BENCH_OUT) and the table in docs/performance.md.
 */
import { spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import path from 'node:path'
// @ts-expect-error: a plain JavaScript module of the launcher, without types
import { bundleIsCurrent } from '../bin/source-stamp.js'
import { findChrome } from '../src/render/print/browser.ts'
import { writeGeneratedBrief } from '../test/helpers/generated.ts'
import { siteProject } from '../test/helpers/site.ts'
import { measure, median, type Measure } from './measure.ts'
import { writePrintPage } from './print-page.ts'
import { ownTmpdir } from '../test/helpers/env.ts'
import { timeWatch } from './watch.ts'

const repo = path.resolve(import.meta.dirname, '..')
const seed = '2025-04-07-pakistan-afghanistan-resetting-ties'
const smoke = Boolean(process.env.BENCH_SMOKE)
const rounds = smoke ? 1 : Number(process.env.RUNS ?? 3)
const resultsFile = process.env.BENCH_OUT ?? path.join(repo, 'bench', 'results.md')
const chrome = findChrome().path
const brief = path.join(repo, 'bin', 'brief.js')
const has = (cmd: string) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0

// Everything the bench writes (its projects, the 500-brief site of half a gigabyte, the
// browsers' profiles) goes in one folder of its own, removed when it ends however it ends;
// KEEP_BENCH_FILES=1 keeps it. The commands it times inherit TMPDIR.
process.on('exit', ownTmpdir('brief-b-', 'KEEP_BENCH_FILES', "The bench's files"))

// What `npm install` leaves: the bundled command line, current with the sources. Made again
// only when stale: the smoke run shares the checkout with tests that run the bundle meanwhile.
if (!bundleIsCurrent(repo)) spawnSync(process.execPath, [path.join(repo, 'scripts', 'bundle.mjs')], { stdio: 'inherit' })

// ---------------------------------------------------------------- the inputs

/** A project folder with brief.config.yaml and the given briefs under briefs/. */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-bench-'))
  cpSync(path.join(repo, 'brief.config.yaml'), path.join(dir, 'brief.config.yaml'))
  return dir
}

function exampleBrief(dir: string, name = seed): string {
  cpSync(path.join(repo, 'briefs', seed), path.join(dir, 'briefs', name), { recursive: true })
  return path.join(dir, 'briefs', name)
}

/** A generated brief of about `pages` pages: paragraphs with citation clusters, notes, tables, figures. */
function sizedBrief(dir: string, blocks: number): string {
  const made = writeGeneratedBrief(path.join(dir, 'briefs'), 20261128 + blocks, path.join(repo, 'test/fixtures/shared/references-styles.json'), path.join(repo, 'test/fixtures/layout-elements/map.png'), blocks)
  return made.folder
}

/** The example brief with `extra` more (uncited) entries in its references file. */
function libraryBrief(dir: string, extra: number): string {
  const folder = exampleBrief(dir, `library-${extra}`)
  const file = path.join(folder, 'references.json')
  const more = Array.from({ length: extra }, (_, i) => ({
    id: `library${i}`,
    type: i % 3 ? 'article-journal' : 'book',
    title: `Study ${i} of regional security`,
    author: [{ family: `Author${i % 400}`, given: 'A.' }],
    'container-title': 'Journal of Strategic Studies',
    issued: { 'date-parts': [[1990 + (i % 35)]] },
  }))
  writeFileSync(file, JSON.stringify([...(JSON.parse(readFileSync(file, 'utf8')) as unknown[]), ...more]))
  return folder
}

/** Keeps the brief's front matter and puts `body` after it. */
function replaceBody(folder: string, body: string): void {
  const file = path.join(folder, 'brief.md')
  const text = readFileSync(file, 'utf8')
  writeFileSync(file, `${text.slice(0, text.indexOf('\n---', 3) + 4)}\n\n${body}\n`)
}

/** A brief with `count` citations, in clusters of one to three, ten a paragraph. */
function citationsBrief(dir: string, count: number): string {
  const folder = exampleBrief(dir, `citations-${count}`)
  const keys = (JSON.parse(readFileSync(path.join(folder, 'references.json'), 'utf8')) as Array<{ id: string }>).map((s) => s.id)
  const paragraphs: string[] = []
  let made = 0
  for (let p = 0; made < count; p++) {
    const sentences: string[] = []
    for (let s = 0; s < 10 && made < count; s++, made++) {
      const cluster = Array.from({ length: 1 + ((p + s) % 3) }, (_, k) => `@${keys[(p * 7 + s * 3 + k) % keys.length]}${k === 0 && s % 2 ? `, ${10 + s}` : ''}`)
      sentences.push(`Sentence ${s} of paragraph ${p} makes a claim [${cluster.join('; ')}].`)
    }
    paragraphs.push(sentences.join(' '))
  }
  replaceBody(folder, paragraphs.join('\n\n'))
  return folder
}

/** A brief with `count` notes of the author's own, ten paragraphs a page's worth, each note a sentence. */
function notesBrief(dir: string, count: number): string {
  const folder = exampleBrief(dir, `notes-${count}`)
  const paragraphs = Array.from({ length: Math.ceil(count / 5) }, (_, p) =>
    Array.from({ length: 5 }, (_, s) => `Sentence ${s} of paragraph ${p} makes a point.[^n${p * 5 + s}]`).join(' '),
  )
  const notes = Array.from({ length: count }, (_, i) => `[^n${i}]: Note ${i} says where the point comes from, in a sentence of its own.`)
  replaceBody(folder, `${paragraphs.join('\n\n')}\n\n${notes.join('\n\n')}`)
  return folder
}

// ---------------------------------------------------------------- the cases

interface Case {
  id: string
  run: () => Promise<Measure>
}

const cases: Case[] = []
/** The PDF each generated size builds to, for its page count. */
const sized = new Map<string, string>()
const results = new Map<string, Measure[]>()
const node = (args: string[], cwd: string) => () => measure(process.execPath, [brief, ...args], { cwd })
const add = (id: string, run: () => Promise<Measure>) => cases.push({ id, run })

const sDir = project()
const s = exampleBrief(sDir)
await writePrintPage(path.join(s, 'brief.md'), sDir, path.join(sDir, 'print.html'))
add('S all npx', () => measure('npx', ['brief', 'build', s, '--force', '--out', path.join(sDir, 'out')], { cwd: repo }))
add('S all', node(['build', s, '--force'], sDir))
add('S pdf', node(['build', s, '--force', '--format', 'pdf'], sDir))
add('S html', node(['build', s, '--force', '--format', 'html'], sDir))
add('S check', node(['check', s], sDir))
const bare = (dir: string) => () =>
  measure(chrome!, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${path.join(dir, 'bare.pdf')}`, `file://${path.join(dir, 'print.html')}`], { cwd: dir })
const pagedjs = (dir: string) => () =>
  measure(path.join(repo, 'node_modules/.bin/pagedjs-cli'), [path.join(dir, 'print.html'), '-o', path.join(dir, 'pagedjs.pdf'), '--browserArgs', '--no-sandbox,--disable-gpu'], { cwd: dir, env: { PUPPETEER_EXECUTABLE_PATH: chrome! } })
add('S bare', bare(sDir))
if (!smoke) {
  add('S pagedjs', pagedjs(sDir))
  if (has('pandoc')) add('S pandoc', () => measure('pandoc', [path.join(s, 'brief.md'), '--citeproc', '--csl', path.join(repo, 'styles/issi.csl'), '--resource-path', s, '-o', path.join(sDir, 'pandoc.html')], { cwd: s }))

  for (const [size, blocks] of [['M', 50], ['L', 200]] as const) {
    const dir = project()
    const folder = sizedBrief(dir, blocks)
    sized.set(size, path.join(dir, 'output', `${path.basename(folder)}.pdf`))
    await writePrintPage(path.join(folder, 'brief.md'), dir, path.join(dir, 'print.html'))
    add(`${size} pdf`, node(['build', folder, '--force', '--format', 'pdf', '--timeout', '600'], dir))
    add(`${size} bare`, bare(dir))
    add(`${size} pagedjs`, pagedjs(dir))
  }

  const libDir = project()
  for (const extra of [3000, 10000]) {
    const folder = libraryBrief(libDir, extra)
    add(`library ${extra}`, node(['build', folder, '--force', '--format', 'html'], libDir))
  }
  const citeDir = project()
  for (const count of [1000, 4000, 16000]) {
    const folder = citationsBrief(citeDir, count)
    add(`citations ${count}`, node(['build', folder, '--force', '--format', 'html'], citeDir))
  }
  for (const count of [1000, 10000]) {
    const folder = notesBrief(citeDir, count)
    add(`notes ${count}`, node(['build', folder, '--force', '--format', 'html'], citeDir))
  }
  const batchDir = project()
  for (let i = 0; i < 50; i++) exampleBrief(batchDir, `copy-${String(i).padStart(2, '0')}`)
  add('batch 50', node(['build', '--force'], batchDir))
  add('batch 50 unchanged', node(['build'], batchDir))
  // `brief site` on 500 generated briefs of 1,500 words (web pages and EPUBs): from cold (no
  // build, no site), then after one brief's text changed.
  const site500 = siteProject(500, { words: 1500 })
  const siteArgs = ['site', '--base-url', 'https://www.issi.org.pk/briefs/']
  add('site 500 cold', () => {
    rmSync(path.join(site500.dir, 'output'), { recursive: true, force: true })
    rmSync(path.join(site500.dir, 'site'), { recursive: true, force: true })
    return node(siteArgs, site500.dir)()
  })
  let edits = 0
  add('site 500 one changed', () => {
    appendFileSync(path.join(site500.dir, 'briefs', site500.briefs[0]!.slug, 'brief.md'), `\nA sentence added by the bench, edit ${++edits}.\n`)
    return node(siteArgs, site500.dir)()
  })
  add('watch', async () => {
    const times = await timeWatch(3)
    return { ms: median(times.web), peakMiB: 0 }
  })
}

for (let round = 1; round <= rounds; round++) {
  for (const c of cases) {
    const m = await c.run()
    results.set(c.id, [...(results.get(c.id) ?? []), m])
    process.stderr.write(`round ${round}/${rounds}  ${c.id.padEnd(20)} ${(m.ms / 1000).toFixed(2)} s  ${m.peakMiB ? `${Math.round(m.peakMiB)} MiB` : ''}\n`)
  }
}

// ---------------------------------------------------------------- the table

const t = (id: string) => median(results.get(id)!.map((m) => m.ms))
const range = (id: string) => {
  const all = results.get(id)!.map((m) => m.ms / 1000)
  return all.length > 1 ? ` (${Math.min(...all).toFixed(2)}–${Math.max(...all).toFixed(2)})` : ''
}
const peak = (id: string) => Math.round(Math.max(...results.get(id)!.map((m) => m.peakMiB)))
const sec = (id: string) => `${(t(id) / 1000).toFixed(2)} s${range(id)}`

interface Row {
  what: string
  time: string
  memory: string
  compared: string
  target: string
  verdict: 'PASS' | 'FAIL' | ''
}
const rows: Row[] = []
const row = (what: string, id: string, compared = '', target = '', ok?: boolean) =>
  rows.push({ what, time: sec(id), memory: peak(id) ? `${peak(id)} MiB` : '', compared, target, verdict: ok === undefined ? '' : ok ? 'PASS' : 'FAIL' })
const ratio = (a: string, b: string) => t(a) / t(b)
const x = (n: number) => `${n.toFixed(2)}×`

row('example brief (S, 5 pages), all formats, `npx brief build` as the quick start says', 'S all npx', `${x(ratio('S all npx', 'S bare'))} bare print`, '≤ 1.7× bare print', ratio('S all npx', 'S bare') <= 1.7)
row('the same, `brief build` (linked bin, `npm link`)', 'S all', `${x(ratio('S all', 'S bare'))} bare print`, '≤ 1.7× bare print', ratio('S all', 'S bare') <= 1.7)
row('S, PDF alone', 'S pdf', `${x(ratio('S pdf', 'S bare'))} bare print`, '≤ 1.5× bare print', ratio('S pdf', 'S bare') <= 1.5)
row('S, web page alone', 'S html', results.has('S pandoc') ? `${x(ratio('S html', 'S pandoc'))} pandoc` : '', results.has('S pandoc') ? '≤ 4× pandoc' : '', results.has('S pandoc') ? ratio('S html', 'S pandoc') <= 4 : undefined)
row('`brief check` on S', 'S check', '', '≤ 1 s', t('S check') <= 1000)
row('bare Chromium `--print-to-pdf` of our S print page (the floor)', 'S bare')
if (!smoke) {
  row('pagedjs-cli on our S print page', 'S pagedjs', `ours ${x(ratio('S pdf', 'S pagedjs'))}`, '', undefined)
  if (results.has('S pandoc')) row('pandoc `--citeproc` S to HTML (reference)', 'S pandoc')
  for (const size of ['M', 'L']) {
    const pdf = sized.get(size)!
    const pages = /Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? '?'
    row(`${size} (${pages} pages), PDF alone`, `${size} pdf`, `${x(ratio(`${size} pdf`, `${size} bare`))} bare print`, size === 'L' ? '≤ 2.5× bare print, ≤ 600 MiB' : '', size === 'L' ? ratio('L pdf', 'L bare') <= 2.5 && peak('L pdf') <= 600 : undefined)
    row(`${size}, bare Chromium print`, `${size} bare`)
    row(`${size}, pagedjs-cli`, `${size} pagedjs`, `ours ${x(ratio(`${size} pdf`, `${size} pagedjs`))}`, 'ours ≤ 0.5×', ratio(`${size} pdf`, `${size} pagedjs`) <= 0.5)
  }
  row('S in a references file with 3,000 more entries, web page', 'library 3000', `${x(ratio('library 3000', 'S html'))} S alone`, '', undefined)
  row('S in a references file with 10,000 more entries, web page', 'library 10000', `${x(ratio('library 10000', 'S html'))} S alone`, '≤ 2× S alone', ratio('library 10000', 'S html') <= 2)
  // Linear: 10× the input in at most 12× the time, so n× the input in at most 1.2 n×.
  row('1,000 citations, web page', 'citations 1000')
  row('4,000 citations, web page', 'citations 4000', `${x(ratio('citations 4000', 'citations 1000'))} 1,000 (4× the input)`, '≤ 4.8× (1.2× linear)', ratio('citations 4000', 'citations 1000') <= 4 * 1.2)
  row('16,000 citations, web page', 'citations 16000', `${x(ratio('citations 16000', 'citations 1000'))} 1,000 (16× the input)`, '≤ 19.2× (1.2× linear)', ratio('citations 16000', 'citations 1000') <= 16 * 1.2)
  row('1,000 notes of the author’s own, web page', 'notes 1000')
  row('10,000 notes of the author’s own, web page', 'notes 10000', `${x(ratio('notes 10000', 'notes 1000'))} 1,000 (10× the input)`, '≤ 12× (1.2× linear)', ratio('notes 10000', 'notes 1000') <= 10 * 1.2)
  row('50 S briefs, all formats, cold', 'batch 50', `${(t('batch 50') / 50 / 1000).toFixed(2)} s a brief`, '≤ 0.35 s a brief', t('batch 50') / 50 <= 350)
  row('the same 50, unchanged', 'batch 50 unchanged', '', '≤ 1.5 s', t('batch 50 unchanged') <= 1500)
  row('`brief watch`: save → change in the open web page (median of 3 saves a round)', 'watch', '', '≤ 0.6 s', t('watch') <= 600)
  row('`brief site`, 500 briefs of 1,500 words, web pages and EPUBs, from cold', 'site 500 cold', `${(t('site 500 cold') / 500 / 1000).toFixed(2)} s a brief`, '≤ 120 s', t('site 500 cold') <= 120_000)
  row('`brief site` again after one of the 500 changed', 'site 500 one changed', '', '≤ 3 s', t('site 500 one changed') <= 3000)
}

const head = `${smoke ? 'Smoke run (one round, S only)' : `Median of ${rounds} rounds (min–max)`}, wall clock from spawn to exit, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Memory: peak proportional set size (PSS) of the command's process tree, Chromium included.`
const table = [
  head,
  '',
  '| what | time | memory | compared | target | |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.what} | ${r.time} | ${r.memory} | ${r.compared} | ${r.target} | ${r.verdict} |`),
].join('\n')
mkdirSync(path.dirname(resultsFile), { recursive: true })
writeFileSync(resultsFile, table + '\n')
console.log(table)
if (!smoke && !process.env.BENCH_OUT) {
  const page = path.join(repo, 'docs', 'performance.md')
  const text = readFileSync(page, 'utf8')
  const start = text.indexOf('<!-- bench:start -->')
  const end = text.indexOf('<!-- bench:end -->')
  if (start >= 0 && end > start) writeFileSync(page, `${text.slice(0, start)}<!-- bench:start -->\n${table}\n${text.slice(end)}`)
}
