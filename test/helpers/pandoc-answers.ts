/**
 * pandoc's answers for the oracle, recorded. `npm test` compares our notes with pandoc's
 * recorded HTML for each brief the oracle compares (test/expected/pandoc-answers.json); the
 * long run (test/stress/pandoc-answers.test.ts) runs pandoc on every one of them again and
 * fails when an answer is no longer what pandoc prints. Each answer carries a digest of what
 * pandoc read (the brief, its sources, the style file), so an answer recorded for other inputs
 * is never used: the oracle then says to record again (`npm run record:pandoc`).
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { stylePath } from '../../src/citations/style-choice.ts'
import { repo } from './cli.ts'
import { fixture, goodCases } from './fixtures.ts'

export const answersFile = path.join(repo, 'test/expected/pandoc-answers.json')

/** What pandoc printed for a brief, and a digest of what it read. */
export interface PandocAnswer {
  inputs: string
  status: number | null
  stdout: string
  stderr: string
}

/**
 * Fixtures compared although their sources are not CSL-JSON: the BibTeX one writes its titles
 * as pandoc's reader would re-case them (sentence case, names in braces), so only the data it
 * reads can differ; the CSL-YAML one holds dates in pandoc-citeproc's older form.
 */
const bibtexCompared = ['source-bibtex-like-pandoc', 'source-csl-yaml-old-dates']

/** The bibliography files a brief's front matter names. */
function bibliographyFiles(text: string): string[] {
  const bibliography = /^bibliography:[ \t]*(?:\n((?:[ \t]+-[ \t]*.+\n)+)|(.+))/m.exec(text)
  return bibliography ? (bibliography[2] ?? bibliography[1]!).split('\n').map((l) => l.replace(/^\s*-\s*/, '').trim()).filter(Boolean) : []
}

/**
 * The briefs the oracle compares, as staged copies (`brief.md` paths): every good fixture
 * whose sources are CSL-JSON (pandoc's BibTeX reader changes title case, so those are left out,
 * but for `bibtexCompared`), and the example briefs.
 */
export function comparedBriefs(): string[] {
  return [
    ...goodCases().map((name) => path.join(fixture(name), 'brief.md')),
    ...readdirSync(path.join(repo, 'briefs')).map((name) => path.join(repo, 'briefs', name, 'brief.md')),
  ].filter((file) => {
    if (bibtexCompared.includes(caseName(file))) return true
    const files = bibliographyFiles(readFileSync(file, 'utf8'))
    return files.length > 0 && files.every((f) => f.endsWith('.json'))
  })
}

/** A compared brief's name: its folder's. */
export const caseName = (file: string) => path.basename(path.dirname(file))

/** The style file pandoc is given: a journal's dependent style is its parent, which pandoc would fetch from the web. */
export function styleOf(file: string): string {
  const csl = /^csl:\s*(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1]?.trim()
  const resolved = stylePath(csl ?? 'issi', path.dirname(file))
  const parent = /<link\b[^>]*href="[^"]*\/([\w-]+)"[^>]*rel="independent-parent"/.exec(readFileSync(resolved, 'utf8'))?.[1]
  return parent ? stylePath(parent, path.dirname(file)) : resolved
}

/** A digest of everything pandoc reads for a brief: the brief, the sources it names, the style. */
export function inputsDigest(file: string): string {
  const hash = createHash('sha256')
  const text = readFileSync(file)
  const read = (name: string, bytes: Buffer) => hash.update(`${name}\0${bytes.length}\0`).update(bytes)
  read('brief.md', text)
  for (const source of bibliographyFiles(text.toString('utf8'))) {
    const full = path.join(path.dirname(file), source)
    read(source, existsSync(full) ? readFileSync(full) : Buffer.alloc(0))
  }
  read('style', readFileSync(styleOf(file)))
  return hash.digest('hex').slice(0, 32)
}

/** pandoc's HTML for a brief, run now, without blocking the caller's own work. */
export function runPandoc(file: string): Promise<PandocAnswer> {
  const inputs = inputsDigest(file)
  return new Promise((resolve, reject) => {
    const child = spawn('pandoc', [path.basename(file), '--citeproc', '--csl', styleOf(file), '-t', 'html', '--wrap=none'], { cwd: path.dirname(file) })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (status) => resolve({ inputs, status, stdout, stderr }))
  })
}

/** The recorded answers, by case name. */
export function recordedAnswers(): Record<string, PandocAnswer> {
  return existsSync(answersFile) ? (JSON.parse(readFileSync(answersFile, 'utf8')) as Record<string, PandocAnswer>) : {}
}

/** The answers as the file holds them: sorted by case, one JSON document. */
export function answersText(answers: Record<string, PandocAnswer>): string {
  const sorted = Object.fromEntries(Object.keys(answers).sort().map((name) => [name, answers[name]!]))
  return `${JSON.stringify(sorted, null, 1)}\n`
}
