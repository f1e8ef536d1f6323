/**
 * The pages of two commits, compared over the whole corpus:
 * `node --import tsx bench/compare-layouts.ts [--against REF] [--quick]`.
 *
 * Builds the corpus as PDFs with this checkout and with REF (default: the last commit with the
 * Paged.js paginator, which the one-pass paginator replaced), each by its own `brief build`:
 * the example brief, every fixture brief, the generated briefs of the layout tests (the 8
 * seeds of the stress run's first; GENERATED_BRIEFS=32 for all of them), the bench's M and
 * L, and the torture brief. For each brief it compares the text layers (`pdftotext -layout`,
 * page by page) and the page breaks (the words each page starts and ends with), and prints one
 * line: identical, or how it differs — with the layout messages of both builds (widows,
 * orphans, stretched lines, holes, errors), which say which of the two is better.
 * REF is checked out in a temporary git worktree that uses this checkout's node_modules.
 * `--quick`: the example brief, two generated briefs and the torture brief only.
 * KEEP=1 leaves the folder with both sets of PDFs (its path is printed), for looking at the pages.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { goodCases, sharedFolder, stageFixture } from '../test/helpers/fixtures.ts'
import { writeGeneratedBrief } from '../test/helpers/generated.ts'
import { writeTortureBrief } from '../test/helpers/torture.ts'

const repo = path.resolve(import.meta.dirname, '..')
/** The last commit whose PDFs Paged.js laid out (BRIEF_PRINT_LAYOUT=pagedjs was its default). */
const lastPagedjsCommit = '952d9bc8dd1a2bc67dfd5ff54a99404893ea7d83'
const quick = process.argv.includes('--quick')
const asked = process.argv.indexOf('--against')
const against = asked >= 0 && process.argv[asked + 1] ? process.argv[asked + 1]! : lastPagedjsCommit

// ---------------------------------------------------------------- the corpus

const root = mkdtempSync(path.join(tmpdir(), 'brief-compare-'))
const briefs = path.join(root, 'briefs')
mkdirSync(briefs, { recursive: true })
cpSync(path.join(repo, 'brief.config.yaml'), path.join(root, 'brief.config.yaml'))
cpSync(path.join(repo, 'briefs', '2025-04-07-pakistan-afghanistan-resetting-ties'), path.join(briefs, 'example'), { recursive: true })
const references = path.join(sharedFolder, 'references-styles.json')
const image = path.join(repo, 'test/fixtures/layout-elements/map.png')
const count = quick ? 2 : Number(process.env.GENERATED_BRIEFS ?? 8)
for (let i = 0; i < count; i++) writeGeneratedBrief(briefs, 20261128 + i * 7919, references, image)
if (!quick) {
  for (const blocks of [50, 200]) writeGeneratedBrief(briefs, 20261128 + blocks, references, image, blocks)
  for (const name of goodCases()) stageFixture(name, path.join(root, 'fixtures'))
}
writeTortureBrief(path.join(briefs, 'torture'))

// ---------------------------------------------------------------- building

const layoutRules = new Set(['widow', 'orphan', 'stretched-line', 'page-hole', 'stranded-heading', 'misplaced-note', 'incomplete-layout', 'hyphenation-off'])

interface Built {
  pdf?: string
  messages: string[]
  errors: string[]
}

interface JsonReport {
  briefs: Array<{ file: string; outputs: string[]; messages: Array<{ rule?: string; line?: number; severity: string; message: string }> }>
}

/** Builds the corpus with the `brief` of `checkout`, into out-`name`. */
function buildAll(checkout: string, name: string): Map<string, Built> {
  const out = path.join(root, `out-${name}`)
  const started = performance.now()
  const paths = [briefs, ...(quick ? [] : [path.join(root, 'fixtures')])]
  const run = spawnSync(process.execPath, [path.join(checkout, 'bin/brief.js'), 'build', ...paths, '--format', 'pdf', '--out', out, '--force', '--json', '--jobs', '2'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, BRIEF_PRINT_LAYOUT: 'pagedjs', NO_COLOR: '1' },
  })
  if (!run.stdout.trim()) throw new Error(`${name}: brief build wrote no report (exit ${run.status}):\n${run.stderr.slice(-2000)}`)
  const report = JSON.parse(run.stdout) as JsonReport
  const built = new Map<string, Built>()
  for (const result of report.briefs) {
    built.set(path.basename(path.dirname(result.file)), {
      pdf: result.outputs.find((o) => o.endsWith('.pdf')),
      messages: result.messages.filter((m) => m.rule && layoutRules.has(m.rule)).map((m) => `${m.rule}${m.line ? `@${m.line}` : ''}`),
      errors: result.messages.filter((m) => m.severity === 'error').map((m) => m.message.slice(0, 120)),
    })
  }
  console.error(`${name}: ${report.briefs.length} briefs in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return built
}

// ---------------------------------------------------------------- comparing

function pages(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  return text.split('\f').slice(0, -1).map((page) => page.split('\n').map((l) => l.trimEnd()).join('\n').trim())
}

/**
 * Each page's lines, from the words' boxes: a word joins the line whose middle its box spans, or
 * whose box holds its middle (a raised note call or marker too), so a shift of a point or two does not split or join lines.
 */
function lines(pdf: string): string[][] {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  return xml.split('<page ').slice(1).map((page) => {
    const found: Array<{ top: number; bottom: number; words: Array<{ x: number; w: string }> }> = []
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      const [x, top, bottom] = [Number(m[1]), Number(m[2]), Number(m[3])]
      const line = found.find((l) => ((top + bottom) / 2 > l.top && (top + bottom) / 2 < l.bottom) || ((l.top + l.bottom) / 2 > top && (l.top + l.bottom) / 2 < bottom))
      if (line) {
        line.words.push({ x, w: m[4]! })
        line.top = Math.min(line.top, top)
        line.bottom = Math.max(line.bottom, bottom)
      } else found.push({ top, bottom, words: [{ x, w: m[4]! }] })
    }
    return found.sort((a, b) => a.top - b.top).map((l) => l.words.sort((a, b) => a.x - b.x).map((w) => w.w).join(' '))
  })
}

/** One line on how two PDFs of a brief differ, or 'identical'. */
function compare(pdfA: string, pdfB: string): string {
  const [a, b] = [pages(pdfA), pages(pdfB)]
  if (a.length === b.length && a.every((page, i) => page === b[i])) return 'identical'
  const [la, lb] = [lines(pdfA), lines(pdfB)]
  const pageSame = la.map((page, i) => page.join('\n') === lb[i]?.join('\n'))
  if (la.length === lb.length && pageSame.every(Boolean)) return 'same lines on every page (positions differ by under a point or two)'
  const starts = (list: string[][]) => list.map((p) => p.slice(0, 1).join(''))
  const moved = starts(la).map((s, i) => (s !== starts(lb)[i] ? i + 1 : 0)).filter(Boolean)
  const differing = pageSame.map((same, i) => (same ? 0 : i + 1)).filter(Boolean)
  const flat = (list: string[][]) => list.flat().join(' ').split(/\s+/).filter((w) => !/^\d+$/.test(w) && w !== '|' && w !== 'Page').join(' ')
  const list = (n: number[]) => `${n.slice(0, 8).join(', ')}${n.length > 8 ? ', …' : ''}`
  const parts = [`pages ${la.length} → ${lb.length}`, `lines differ on ${differing.length} (${list(differing)})`]
  parts.push(moved.length ? `page starts moved on ${moved.length} (${list(moved)})` : 'same page breaks')
  parts.push(flat(la) === flat(lb) ? 'same words in the same order' : 'words differ (a hyphen drawn elsewhere, or text)')
  return parts.join('; ')
}

// REF in a worktree of its own, run from its sources with this checkout's packages.
const worktree = path.join(root, 'checkout')
execFileSync('git', ['-C', repo, 'worktree', 'add', '--detach', worktree, against], { stdio: 'ignore' })
symlinkSync(path.join(repo, 'node_modules'), path.join(worktree, 'node_modules'))
let old: Map<string, Built>
let now: Map<string, Built>
try {
  old = buildAll(worktree, 'old')
  now = buildAll(repo, 'new')
} finally {
  execFileSync('git', ['-C', repo, 'worktree', 'remove', '--force', worktree], { stdio: 'ignore' })
}

const names = [...old.keys()].sort()
let identical = 0
let differing = 0
let failing = 0
for (const name of names) {
  const before = old.get(name)!
  const after = now.get(name)
  const notes = (b?: Built) => (b ? [...b.messages, ...b.errors.map((e) => `ERROR ${e}`)].join(' ') || '-' : 'not built')
  if (!before.pdf || !after?.pdf) {
    failing++
    console.log(`${name}: not built by ${!before.pdf ? against.slice(0, 7) : 'this checkout'} | old: ${notes(before)} | new: ${notes(after)}`)
    continue
  }
  const verdict = compare(before.pdf, after.pdf)
  if (verdict === 'identical' || verdict.startsWith('same lines')) identical++
  else differing++
  console.log(`${name}: ${verdict} | old: ${notes(before)} | new: ${notes(after)}`)
}
console.log(`\n${names.length} briefs (${against.slice(0, 7)} → this checkout): ${identical} identical or with the same lines, ${differing} differing, ${failing} not built by one of the two`)
if (process.env.KEEP) console.log(`PDFs in ${root}/out-old and ${root}/out-new`)
else rmSync(root, { recursive: true, force: true })
