/**
 * The oracle: pandoc's citeproc is the reference implementation. For every fixture brief whose
 * sources are CSL-JSON (pandoc's BibTeX reader changes title case, so those are left out), our
 * notes and inline citations must equal pandoc's with the same CSL file; so must our
 * bibliography whenever we print one.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { stylePath } from '../src/citations/style-choice.ts'
import { build } from '../src/core/build.ts'
import { extractBibliography, extractCitations, extractNotes, extractParagraphs } from './helpers/extract.ts'
import { fixture, goodCases } from './helpers/fixtures.ts'

const root = path.resolve(import.meta.dirname, '..')

function hasPandoc(): boolean {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * Where we differ from pandoc 2.17 on purpose, by fixture, with the reason.
 * Keep this list short and argued; anything else that differs is a bug.
 */
export const deliberateDifferences: Record<string, string> = {
  'note-locator-labels':
    '`art.` is CSL 1.0.2’s article-locator; pandoc 2.17 predates it and reads "art. 3" as a suffix after the page range.',
  'note-locator-articles':
    '`art.` / `arts.` are CSL 1.0.2’s article-locator; pandoc 2.17 takes them for a suffix, prints it after the URL and cannot see that `art. III(2)` follows `art. III` (ibid).',
  'style-apa':
    'pandoc 2.17 orders one author’s works 2020 before 2015 in citations and bibliography; APA 7 (§8.12) puts the earliest first, as we do. Also the locale: "Chapter 2" where pandoc’s older locale gives "ch. 2".',
  'source-bad-data':
    'pandoc 2.17 refuses the whole file for one date part that is not a number ("spring"); we warn at that entry, leave the bad part out and print what exists.',
  'typeset-everything':
    'Quarto’s cross-references (`@fig-chart`, `@tbl-routes`, `@sec-outlook`) print "Figure 1", "Table 1", "Section 2"; pandoc 2.17 without a cross-reference filter takes them for unknown citations and prints a note "Fig-chart?".',
  'source-bom': 'pandoc 2.17 cannot read a CSL-JSON file that starts with a byte-order mark; we skip the mark, as editors on Windows write it.',
  'source-csl-json-object': 'pandoc 2.17 refuses a CSL-JSON file that holds one source as an object instead of a list of one; we read it as a list, since that is all it can mean.',
  'line-ends-cr': 'pandoc 2.17 reads a file whose lines end in a lone CR (as old Mac editors save) as one line, so it finds neither the front matter nor the citations; we read CR, LF and CRLF alike.',
}

/**
 * Published CSL styles leave their words to the locale, and citation-js 0.8 ships a newer
 * en-US locale (Chicago Manual 18th ed.) than pandoc 2.17's. Where that is the only
 * difference, our text is mapped to pandoc's words before comparing: [ours, pandoc, why].
 */
export const localeDifferences: Record<string, Array<[string, string, string]>> = {
  'style-chicago-notes': [['chap.', 'ch.', 'short form of the chapter term']],
  'style-chicago-author-date': [['chap.', 'ch.', 'short form of the chapter term']],
  'style-ieee': [
    ['Sept.', 'Sep.', 'short form of September'],
    [' [Online].', '', 'the "online" term is new in CSL 1.0.2 locales'],
    ['see [1]-[3]', 'see [1], [2], [3]', 'not a locale difference: citeproc-js collapses a prefixed run of numbers into a range, pandoc lists them; both are correct IEEE'],
  ],
}

/**
 * Fixtures compared although their sources are not CSL-JSON: the BibTeX one writes its titles
 * as pandoc's reader would re-case them (sentence case, names in braces), so only the data it
 * reads can differ; the CSL-YAML one holds dates in pandoc-citeproc's older form.
 */
const bibtexCompared = ['source-bibtex-like-pandoc', 'source-csl-yaml-old-dates']

const briefs = [
  ...goodCases().map((name) => path.join(fixture(name), 'brief.md')),
  ...readdirSync(path.join(root, 'briefs')).map((name) => path.join(root, 'briefs', name, 'brief.md')),
].filter((file) => {
  if (bibtexCompared.includes(path.basename(path.dirname(file)))) return true
  const text = readFileSync(file, 'utf8')
  const bibliography = /^bibliography:[ \t]*(?:\n((?:[ \t]+-[ \t]*.+\n)+)|(.+))/m.exec(text)
  const files = bibliography ? (bibliography[2] ?? bibliography[1]!).split('\n').map((l) => l.replace(/^\s*-\s*/, '').trim()).filter(Boolean) : []
  return files.length > 0 && files.every((f) => f.endsWith('.json'))
})

/** The style file pandoc is given: a journal's dependent style is its parent, which pandoc would fetch from the web. */
function styleOf(file: string): string {
  const csl = /^csl:\s*(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1]?.trim()
  const resolved = stylePath(csl ?? 'issi', path.dirname(file))
  const parent = /<link\b[^>]*href="[^"]*\/([\w-]+)"[^>]*rel="independent-parent"/.exec(readFileSync(resolved, 'utf8'))?.[1]
  return parent ? stylePath(parent, path.dirname(file)) : resolved
}

describe.skipIf(!hasPandoc() && !process.env.CI)('oracle: same notes as pandoc --citeproc', () => {
  it('covers the CSL-JSON fixtures and the example brief', () => {
    expect(briefs.length).toBeGreaterThanOrEqual(20)
  })

  for (const file of briefs) {
    const name = path.basename(path.dirname(file))
    const test = deliberateDifferences[name] ? it.fails : it
    test(`matches pandoc on ${name}`, async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'brief-oracle-'))
      const report = await build({ paths: [path.dirname(file)], out, formats: ['html'], cwd: root })
      expect(report.ok).toBe(true)
      const ours = readFileSync(report.briefs[0]!.outputs[0]!, 'utf8')
      const theirs = execFileSync('pandoc', [path.basename(file), '--citeproc', '--csl', styleOf(file), '-t', 'html', '--wrap=none'], {
        cwd: path.dirname(file),
        encoding: 'utf8',
      })
      const adjust = (texts: string[]) => texts.map((t) => (localeDifferences[name] ?? []).reduce((text, [from, to]) => text.replaceAll(from, to), t))
      expect(adjust(extractNotes(ours))).toEqual(extractNotes(theirs))
      expect(adjust(extractCitations(ours))).toEqual(extractCitations(theirs))
      const bibliography = adjust(extractBibliography(ours))
      if (bibliography.length) expect(bibliography).toEqual(extractBibliography(theirs))
      // A case that pins its running text (body.txt) has its note calls where pandoc puts them.
      if (existsSync(path.join(path.dirname(file), 'body.txt'))) expect(extractParagraphs(ours)).toEqual(extractParagraphs(theirs))
    })
  }
})
