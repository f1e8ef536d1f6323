/**
 * The authoring commands as an author runs them: `brief new`, then `brief build` on the new
 * brief; `brief check` with one case per rule it adds, on a clean brief, with --json and
 * --strict.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { slugify } from '../src/core/new.ts'
import { briefHere, repo } from './helpers/cli.ts'
import { fixture } from './helpers/fixtures.ts'

const seed = '2025-04-07-pakistan-afghanistan-resetting-ties'

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-authoring-'))
  cpSync(path.join(repo, 'brief.config.yaml'), path.join(dir, 'brief.config.yaml'))
  return dir
}

describe('brief new', () => {
  it('makes ASCII folder names from any title', () => {
    expect(slugify('Çitrāl and Beyond: Trade Across the Passes!')).toBe('citral-and-beyond-trade-across-the-passes')
    // The apostrophe belongs to its word: "Ørsted’s", not "orsted-s".
    expect(slugify('Ørsted’s “Ḥaqqānī” Report -- 2025')).toBe('orsteds-haqqani-report-2025')
  })

  it('starts a brief that builds as it is, and never overwrites it', async () => {
    const dir = project()
    const run = await briefHere(['new', 'Çitrāl and Beyond: Trade', '--author', 'Amina Khan', '--author', 'Omar Baig', '--date', '2025-06-30'], { cwd: dir })
    expect(run.code, run.stderr).toBe(0)
    const folder = path.join(dir, 'briefs', '2025-06-30-citral-and-beyond-trade')
    expect(run.stderr).toContain('Created briefs/2025-06-30-citral-and-beyond-trade/brief.md')
    expect(run.stderr).toContain('brief build briefs/2025-06-30-citral-and-beyond-trade')
    const text = readFileSync(path.join(folder, 'brief.md'), 'utf8')
    expect(text).toContain('title: "Çitrāl and Beyond: Trade"')
    expect(text).toContain('  - name: "Amina Khan"\n  - name: "Omar Baig"')
    expect(text).toContain('[@key, p. 12]')
    expect(readFileSync(path.join(folder, 'references.bib'), 'utf8')).toBe('')
    const build = await briefHere(['build', '--format', 'html,epub'], { cwd: dir })
    expect(build.code, build.stderr).toBe(0)
    expect(existsSync(path.join(dir, 'output', '2025-06-30-citral-and-beyond-trade.html'))).toBe(true)
    writeFileSync(path.join(folder, 'brief.md'), 'edited')
    const again = await briefHere(['new', 'Çitrāl and Beyond: Trade', '--date', '2025-06-30'], { cwd: dir })
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('already exists; nothing was changed')
    expect(readFileSync(path.join(folder, 'brief.md'), 'utf8')).toBe('edited')
  })

  it('refuses a bad date or template with exit code 2', async () => {
    const dir = project()
    // Not a date, a month that does not exist, and days that do not exist (Date.parse rolls them over).
    for (const date of ['2025-13-40', '2025-02-30', '2023-02-29', '2025-04-31', '25-04-07']) {
      const run = await briefHere(['new', 'A title', '--date', date], { cwd: dir })
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`--date must be a day of the calendar as YYYY-MM-DD, got \`${date}\``)
    }
    expect(existsSync(path.join(dir, 'briefs'))).toBe(false)
    expect((await briefHere(['new', 'A title', '--template', 'poster'], { cwd: dir })).stderr).toContain('Unknown template `poster`')
  })
})

describe('brief check', () => {
  it('says nothing wrong about a clean brief and exits 0', async () => {
    const run = await briefHere(['check', `briefs/${seed}`])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toBe(`${seed}: no errors, 0 warnings\n`)
  })

  it('finds what a build finds and what only a check looks for, each at its place', async () => {
    const dir = project()
    const folder = path.join(dir, 'briefs', 'lint')
    mkdirSync(folder, { recursive: true })
    writeFileSync(
      path.join(folder, 'references.json'),
      JSON.stringify(
        [
          { id: 'doe2020', type: 'book', title: 'Borderlands', author: [{ family: 'Doe', given: 'Jane' }], issued: { 'date-parts': [[2020]] } },
          { id: 'news2024', type: 'article-newspaper', title: 'A story' },
          { id: 'page2024', type: 'webpage', title: 'A page', accessed: { 'date-parts': [[2999, 1, 1]] } },
          { id: 'spare2019', type: 'book', title: 'Never cited', issued: { 'date-parts': [[2019]] } },
        ],
        null,
        1,
      ),
    )
    writeFileSync(
      path.join(folder, 'brief.md'),
      ['---', 'title: Lint', 'bibliografy: x', 'bibliography: references.json', '---', '', 'One [@do2020]. Two [@news2024]. Three [@page2024].', '', 'See [the annex](annex.pdf) and a note[^gone].', ''].join('\n'),
    )
    const run = await briefHere(['check', '--json'], { cwd: dir })
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as { ok: boolean; briefs: Array<{ messages: Array<{ line: number; column: number; rule: string; severity: string; file: string }> }> }
    const seen = report.briefs[0]!.messages.map((m) => `${path.basename(m.file)}:${m.line}:${m.column} ${m.severity} ${m.rule}`)
    expect(seen).toEqual(
      expect.arrayContaining([
        // `bibliografy` is a near miss of `bibliography`: its value would be lost, so it is an error.
        'brief.md:3:1 error front-matter-key',
        'brief.md:7:6 error unknown-key',
        'brief.md:9:38 error undefined-footnote',
        'brief.md:9:5 warning missing-link-target',
        // news2024: no date, no paper; page2024: no URL, accessed in the future.
        'references.json:21:3 warning source-data',
        'references.json:26:3 warning source-data',
        // spare2019 is cited nowhere; nor is doe2020, which the typo @do2020 misses.
        'references.json:40:3 warning unused-source',
        'references.json:3:3 warning unused-source',
      ]),
    )
  })

  it('exits 1 on warnings with --strict', async () => {
    const dir = project()
    cpSync(fixture('source-bad-data'), path.join(dir, 'briefs', 'bad-data'), { recursive: true })
    expect((await briefHere(['check'], { cwd: dir })).code).toBe(0)
    expect((await briefHere(['check', '--strict'], { cwd: dir })).code).toBe(1)
  })
})

describe('brief bib', () => {
  it('regenerates the example brief’s bibliography in the house style and in APA', async () => {
    const house = await briefHere(['bib', `briefs/${seed}`])
    expect(house.code, house.stderr).toBe(0)
    const lines = house.stdout.trim().split('\n')
    expect(lines).toHaveLength(9)
    expect(lines).toContain('- Yousaf, Kamran. “Envoy wraps up fruitful Kabul trip”, *Express Tribune*, March 24, 2025, https://tribune.com.pk/story/2536087/envoy-wraps-up-fruitful-kabul-trip')
    const apa = await briefHere(['bib', `briefs/${seed}`, '--style', 'apa', '--to', 'txt'])
    expect(apa.stdout).toContain('Yousaf, K. (2025, March 24). Envoy wraps up fruitful Kabul trip. Express Tribune.')
    const html = await briefHere(['bib', `briefs/${seed}`, '--to', 'html'])
    expect(html.stdout).toMatch(/^<div class="csl-bib-body">\n {2}<div class="csl-entry">/)
  })

  it('lists every source of the files with --all, and only the cited ones without', async () => {
    const dir = project()
    cpSync(fixture('source-bad-data'), path.join(dir, 'briefs', 'bad-data'), { recursive: true })
    const cited = JSON.parse((await briefHere(['bib', '--to', 'csl-json'], { cwd: dir })).stdout) as Array<{ id: string }>
    const all = JSON.parse((await briefHere(['bib', '--to', 'csl-json', '--all'], { cwd: dir })).stdout) as Array<{ id: string }>
    expect(cited.map((i) => i.id)).not.toContain('unused')
    expect(all.map((i) => i.id)).toContain('unused')
    expect(all.length).toBe(cited.length + 1)
  })

  it('converts BibTeX to CSL-JSON and back without losing a field, and writes RIS that reads back', async () => {
    const dir = project()
    const folder = path.join(dir, 'briefs', 'round-trip')
    mkdirSync(folder, { recursive: true })
    writeFileSync(
      path.join(folder, 'references.bib'),
      `@article{rashid2021,
  author = {Rashid, Ahmed and Khan, Sana},
  title = {Border fencing and local economies},
  journaltitle = {Asian Survey},
  volume = {61},
  number = {4},
  pages = {533--560},
  date = {2021-08},
  doi = {10.1525/as.2021.61.4.533},
  url = {https://doi.org/10.1525/as.2021.61.4.533},
}
`,
    )
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: Round trip\nbibliography: references.bib\nnocite: "@*"\n---\n\nText.\n')
    const json = await briefHere(['bib', '--to', 'csl-json'], { cwd: dir })
    const [item] = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    expect(item).toMatchObject({ id: 'rashid2021', title: 'Border fencing and local economies', 'container-title': 'Asian Survey', volume: '61', issue: '4', page: '533-560', DOI: '10.1525/as.2021.61.4.533' })
    writeFileSync(path.join(folder, 'references.json'), json.stdout)
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: Round trip\nbibliography: references.json\nnocite: "@*"\n---\n\nText.\n')
    const bibtex = (await briefHere(['bib', '--to', 'bibtex'], { cwd: dir })).stdout
    for (const field of ['@article{rashid2021,', 'author = {Rashid, Ahmed and Khan, Sana}', 'journaltitle = {Asian Survey}', 'volume = {61}', 'number = {4}', 'pages = {533--560}', 'date = {2021-08}', 'doi = {10.1525/as.2021.61.4.533}']) {
      expect(bibtex).toContain(field)
    }
    const out = path.join(dir, 'library.ris')
    const ris = await briefHere(['bib', '--to', 'ris', '--out', out], { cwd: dir })
    expect(ris.stderr).toContain('Wrote 1 sources to')
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: Round trip\nbibliography: library.ris\nnocite: "@*"\n---\n\nText.\n')
    cpSync(out, path.join(folder, 'library.ris'))
    const back = JSON.parse((await briefHere(['bib', '--to', 'csl-json'], { cwd: dir })).stdout) as Array<Record<string, unknown>>
    expect(back[0]).toMatchObject({ id: 'rashid2021', type: 'article-journal', title: 'Border fencing and local economies', 'container-title': 'Asian Survey', volume: '61', issue: '4', page: '533-560', issued: { 'date-parts': [[2021, 8]] }, DOI: '10.1525/as.2021.61.4.533' })
  })
})
