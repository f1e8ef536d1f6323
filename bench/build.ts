/**
 * Build-speed benchmark: `npm run bench`. Times the real command (wall clock, median of runs)
 * for the example brief, a batch of briefs sharing one browser, the torture brief, the live
 * preview's save-to-refresh time, and pandoc's HTML for the example brief as a reference.
 * Prints a Markdown table for the README.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import path from 'node:path'
import { writeTortureBrief } from '../test/helpers/torture.ts'
import { timeWatch } from './watch.ts'

const repo = path.resolve(import.meta.dirname, '..')
const seed = '2025-04-07-pakistan-afghanistan-resetting-ties'
const runs = Number(process.env.RUNS ?? 3)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function time(cmd: string, args: string[], cwd: string): number {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const result = spawnSync(cmd, args, { cwd, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${result.stderr}`)
    samples.push(performance.now() - start)
  }
  return median(samples)
}

function project(copies: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-bench-'))
  cpSync(path.join(repo, 'brief.config.yaml'), path.join(dir, 'brief.config.yaml'))
  for (let i = 0; i < copies; i++) cpSync(path.join(repo, 'briefs', seed), path.join(dir, 'briefs', `copy-${String(i).padStart(2, '0')}`), { recursive: true })
  return dir
}

/** The example brief with its sources inside a shared library of 5,000 more entries. */
function largeLibrary(): string {
  const dir = project(1)
  const file = path.join(dir, 'briefs', 'copy-00', 'references.json')
  const extra = Array.from({ length: 5000 }, (_, i) => ({
    id: `library${i}`,
    type: i % 3 ? 'article-journal' : 'book',
    title: `Study ${i} of regional security`,
    author: [{ family: `Author${i % 400}`, given: 'A.' }],
    'container-title': 'Journal of Strategic Studies',
    issued: { 'date-parts': [[1990 + (i % 35)]] },
  }))
  writeFileSync(file, JSON.stringify([...(JSON.parse(readFileSync(file, 'utf8')) as unknown[]), ...extra]))
  return dir
}

const brief = (args: string[], cwd: string) => time(process.execPath, [path.join(repo, 'bin/brief.js'), ...args], cwd)
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

const one = project(1)
const batch = project(10)
const torture = mkdtempSync(path.join(tmpdir(), 'brief-bench-torture-'))
const { noteCount } = writeTortureBrief(path.join(torture, 'torture'))

const rows: Array<[string, string, string]> = []
// --force: every run builds; without it the second and third runs would skip unchanged briefs.
rows.push(['example brief, HTML only', seconds(brief(['build', '--format', 'html', '--force'], one)), '1 brief'])
rows.push(['example brief, PDF + HTML + EPUB', seconds(brief(['build', '--force'], one)), '1 brief, 5 pages'])
rows.push(['`brief check` on the example brief', seconds(brief(['check'], one)), 'no rendering'])
const large = largeLibrary()
rows.push(['example brief in a 5,000-entry library, PDF + HTML + EPUB', seconds(brief(['build', '--force'], large)), '1 brief'])
rows.push(['`brief check`, the same', seconds(brief(['check'], large)), 'no rendering'])
const batchMs = brief(['build', '--force'], batch)
rows.push(['10 briefs, PDF + HTML + EPUB, one browser, default --jobs', seconds(batchMs), `${seconds(batchMs / 10)} a brief`])
const serialMs = brief(['build', '--force', '--jobs', '1'], batch)
rows.push(['the same 10 briefs with `--jobs 1` (one at a time)', seconds(serialMs), `default --jobs is ${((serialMs / batchMs)).toFixed(2)}× faster on ${cpus().length} cores`])
const unchangedMs = brief(['build'], batch)
rows.push(['the same 10 briefs again, unchanged (skipped)', seconds(unchangedMs), `${((unchangedMs / batchMs) * 100).toFixed(0)} % of a full build`])
const pages = () => execFileSync('pdfinfo', [path.join(torture, 'output', 'torture.pdf')], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)?.[1]
const tortureMs = brief(['build', 'torture', '--format', 'pdf', '--timeout', '300', '--force'], torture)
rows.push(['torture brief, PDF', seconds(tortureMs), `${noteCount} notes, ${pages()} pages`])
const watch = await timeWatch(repo, seed, 5)
rows.push(['`brief watch`: save to the change in the open web page', seconds(median(watch.web)), `median of 5 saves, ${seconds(Math.min(...watch.web))}–${seconds(Math.max(...watch.web))}`])
rows.push(['`brief watch`: save to the print view up to date', seconds(median(watch.print)), `median of 5 saves, ${seconds(Math.min(...watch.print))}–${seconds(Math.max(...watch.print))}`])
try {
  const dir = path.join(repo, 'briefs', seed)
  rows.push(['pandoc --citeproc, example brief to HTML (reference)', seconds(time('pandoc', ['brief.md', '--citeproc', '--csl', path.join(repo, 'styles/issi.csl'), '-o', '/dev/null'], dir)), 'no PDF'])
} catch {
  rows.push(['pandoc (reference)', 'not installed', ''])
}

console.log(`Median of ${runs} runs, wall clock, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}\n`)
console.log('| what | time | notes |\n| --- | --- | --- |')
for (const [what, t, note] of rows) console.log(`| ${what} | ${t} | ${note} |`)
