/**
 * The oracle: pandoc's citeproc is the reference implementation. For every fixture brief whose
 * sources are CSL-JSON (pandoc's BibTeX reader changes title case, so those are left out), our
 * notes and inline citations must equal pandoc's with the same CSL file; so must our
 * bibliography whenever we print one, and the running text of a case that pins it (body.txt).
 *
 * Where we differ on purpose, the case's folder holds `oracle-difference.json`: the reason,
 * and the parts that differ as a pinned pair, ours and pandoc's (or pandoc's exit code and
 * error when it refuses the brief). Both sides must come out exactly as pinned, so a change
 * in our output, in pandoc's, or a crash on either side fails. `UPDATE=1` rewrites the pairs
 * of the cases that have one, keeping their reasons; a new difference needs its file (with
 * the reason) written by hand first, and its entry in docs/reference.md.
 *
 * pandoc's side is its answer recorded in test/expected/pandoc-answers.json, for exactly the
 * inputs the brief has now (test/helpers/pandoc-answers.ts): this file runs no pandoc, and the
 * long run checks every recorded answer against pandoc itself.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { builtFixture } from './helpers/fixture-builds.ts'
import { extractBibliography, extractCitations, extractNotes, extractParagraphs } from './helpers/extract.ts'
import { fixtures, goodCases } from './helpers/fixtures.ts'
import { caseName, comparedBriefs, inputsDigest, recordedAnswers } from './helpers/pandoc-answers.ts'

const root = path.resolve(import.meta.dirname, '..')
const update = process.env.UPDATE === '1'
/** Dashes compared as printed: a range's en dash is the style's ("figs 2–3"), a hyphen is not. */
const exact = { dashes: 'exact' } as const

/**
 * Published CSL styles leave their words to the locale, and citation-js 0.8 ships a newer
 * en-US locale (Chicago Manual 18th ed.) than pandoc 2.17's. Where that is the only
 * difference, our text is mapped to pandoc's words before comparing: [ours, pandoc, why].
 */
export const localeDifferences: Record<string, Array<[string, string, string]>> = {
  // `ch.` is a chapter to us (the style prints its own word); pandoc 2.17 reads only its
  // locale's terms and prints `ch. 2` as typed.
  'style-chicago-notes': [['chap.', 'ch.', 'ch. read as the chapter label']],
  'style-chicago-author-date': [['chap.', 'ch.', 'ch. read as the chapter label']],
  'style-ieee': [
    ['Sept.', 'Sep.', 'short form of September'],
    [' [Online].', '', 'the "online" term is new in CSL 1.0.2 locales'],
    ['see [1]-[3]', 'see [1], [2], [3]', 'not a locale difference: citeproc-js collapses a prefixed run of numbers into a range, pandoc lists them; both are correct IEEE'],
  ],
}

// Last case first: fixtures.test.ts builds the cases first to last in another worker, and each
// case is built once for both (builtFixture), so from opposite ends neither waits on the other.
const briefs = comparedBriefs().reverse()
const answers = recordedAnswers()

/**
 * Our page: an example brief's built here; a fixture's built once in the run, as
 * fixtures.test.ts builds it (from its own folder, in the house style), and read by both.
 */
async function ourPage(file: string, name: string): Promise<string> {
  if (path.dirname(path.dirname(file)) === path.join(root, 'briefs')) {
    const out = mkdtempSync(path.join(tmpdir(), 'brief-oracle-'))
    const report = await build({ paths: [path.dirname(file)], out, formats: ['html'], cwd: root })
    expect(report.ok).toBe(true)
    return readFileSync(report.briefs[0]!.outputs[0]!, 'utf8')
  }
  const built = await builtFixture(name)
  expect(built.ok).toBe(true)
  return readFileSync(path.join(built.out, `${name}.html`), 'utf8')
}

/** What the oracle compares of a page, by part. */
type Parts = Partial<Record<'notes' | 'citations' | 'bibliography' | 'paragraphs', string[]>>

/** A deliberate difference, as pinned in the case's oracle-difference.json. */
interface Difference {
  reason: string
  ours: Parts
  /** Pandoc's parts, or how it refused the brief. */
  pandoc: Parts | { exitCode: number; stderr: string }
}

const differenceFile = (name: string) => path.join(fixtures, name, 'oracle-difference.json')

/** The pinned difference of a fixture case; undefined for a case that must match pandoc (and for the example briefs). */
function pinnedDifference(name: string): Difference | undefined {
  const file = differenceFile(name)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Difference) : undefined
}

/** The parts of `ours` and `theirs` that differ, each side with those parts only. */
function differing(ours: Parts, theirs: Parts): { ours: Parts; pandoc: Parts } {
  const keys = (['notes', 'citations', 'bibliography', 'paragraphs'] as const).filter((k) => JSON.stringify(ours[k] ?? []) !== JSON.stringify(theirs[k] ?? []))
  return { ours: Object.fromEntries(keys.map((k) => [k, ours[k] ?? []])), pandoc: Object.fromEntries(keys.map((k) => [k, theirs[k] ?? []])) }
}

describe('oracle: same notes as pandoc --citeproc (its recorded answers)', () => {
  it('covers the CSL-JSON fixtures and the example brief', () => {
    expect(briefs.length).toBeGreaterThanOrEqual(20)
  })

  it('holds a recorded answer for no brief it does not compare', () => {
    const compared = briefs.map(caseName)
    expect(Object.keys(answers).filter((name) => !compared.includes(name)), 'answers for briefs the oracle no longer compares: run `npm run record:pandoc`').toEqual([])
  })

  it('pins each deliberate difference in a case the oracle compares, with its reason', () => {
    const compared = new Set(briefs.map((file) => path.basename(path.dirname(file))))
    const pinned = goodCases().filter((name) => existsSync(differenceFile(name)))
    expect(pinned.length).toBeGreaterThan(0)
    for (const name of pinned) {
      expect(compared.has(name), `${name} has an oracle-difference.json but its sources are not CSL-JSON, so the oracle never compares it`).toBe(true)
      expect(pinnedDifference(name)!.reason.trim(), `${name}/oracle-difference.json needs its reason`).not.toBe('')
    }
  })

  for (const file of briefs) {
    const name = caseName(file)
    const pinned = pinnedDifference(name)
    it(pinned ? `differs from pandoc on ${name} exactly as pinned` : `matches pandoc on ${name}`, async () => {
      const pandoc = answers[name]
      expect(pandoc, `pandoc's answer for ${name} is not recorded: run \`npm run record:pandoc\` (needs pandoc 2.17) and commit test/expected/pandoc-answers.json`).toBeDefined()
      expect(pandoc!.inputs, `pandoc's answer for ${name} was recorded for other inputs (its brief, sources or style changed): run \`npm run record:pandoc\` and read the diff`).toBe(inputsDigest(file))
      const ours = await ourPage(file, name)
      const adjust = (texts: string[]) => texts.map((t) => (localeDifferences[name] ?? []).reduce((text, [from, to]) => text.replaceAll(from, to), t))
      // The bibliography is compared whenever we print one; the running text when the case pins it.
      const withBibliography = extractBibliography(ours).length > 0
      const withParagraphs = existsSync(path.join(path.dirname(file), 'body.txt'))
      const partsOf = (html: string, inPandocWords = (texts: string[]) => texts): Parts => ({
        notes: inPandocWords(extractNotes(html, exact)),
        citations: inPandocWords(extractCitations(html, exact)),
        ...(withBibliography ? { bibliography: inPandocWords(extractBibliography(html, exact)) } : {}),
        ...(withParagraphs ? { paragraphs: extractParagraphs(html) } : {}),
      })
      const ourParts = partsOf(ours, adjust)
      if (!pinned) {
        expect(pandoc!.status, `pandoc failed on ${name}: ${pandoc!.stderr}`).toBe(0)
        expect(ourParts).toEqual(partsOf(pandoc!.stdout))
        return
      }
      const refused = pandoc!.status !== 0
      const seen = refused
        ? { ...differing(ourParts, {}), pandoc: { exitCode: pandoc!.status ?? -1, stderr: pandoc!.stderr.trim() } }
        : differing(ourParts, partsOf(pandoc!.stdout))
      expect(Object.keys(seen.ours), `${name} now matches pandoc: delete its oracle-difference.json and its entry in docs/reference.md`).not.toEqual([])
      if (update) writeFileSync(differenceFile(name), `${JSON.stringify({ reason: pinned.reason, ...seen }, null, 2)}\n`)
      const expected = update ? seen : pinned
      expect(seen.ours, `our output on ${name} is not the pinned one (oracle-difference.json, "ours"); if the change is wanted, UPDATE=1 rewrites it: read the diff`).toEqual(expected.ours)
      expect(seen.pandoc, `pandoc's output on ${name} is not the pinned one (oracle-difference.json, "pandoc"): another pandoc version, or pandoc failed`).toEqual(expected.pandoc)
    })
  }
})
