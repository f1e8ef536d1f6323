/**
 * Names an author types or gets: the folder `brief new` makes from a title, the value of an
 * enumerated flag (a typo or another tool's word gets "did you mean"), the briefs a folder
 * holds (a brief.md folder, or several `.md` briefs sharing their folder's sources), and
 * front matter keys (a near miss is an error; Quarto's keys are ignored).
 */
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { chooseBrief } from '../src/commands/watch.ts'
import { slugify } from '../src/core/new.ts'
import { briefHere, exampleProject, seed } from './helpers/cli.ts'
import { fixture } from './helpers/fixtures.ts'

describe('brief new: the folder made from the title', () => {
  const titles: Array<[string, string]> = [
    ["Pakistan's Personal Data Protection Bill and the Digital Economy", 'pakistans-personal-data-protection-bill-and-the-digital'],
    ['Pakistan’s Water: the Indus Waters Treaty', 'pakistans-water-the-indus-waters-treaty'],
    ['Pakistan-Afghanistan: Resetting Ties', 'pakistan-afghanistan-resetting-ties'],
    ['Çitrāl and Beyond!', 'citral-and-beyond'],
    ['The U.S. and “Strategic Depth”', 'the-us-and-strategic-depth'],
    ['Trade & Transit — CPEC 2.0', 'trade-and-transit-cpec-2-0'],
    ['Shiʿa–Sunni Relations in Kurram', 'shia-sunni-relations-in-kurram'],
    ["Rock 'n' Roll Diplomacy", 'rock-n-roll-diplomacy'],
    ['Łódź, Ærø and Þingvellir', 'lodz-aero-and-thingvellir'],
    ['Gwadar: پاکستان کا ساحل', 'gwadar'],
    ['پاکستان اور افغانستان', ''],
    // Cut after the last whole word that fits, never on "and", "the", "of"…
    ['Climate Finance, Loss and Damage, and the Future of the Global South and of', 'climate-finance-loss-and-damage-and-the-future-of-the-global'],
    // Only a single word longer than the limit is cut inside.
    ['Pneumonoultramicroscopicsilicovolcanoconiosisandmorewordsjoinedtogether', 'pneumonoultramicroscopicsilicovolcanoconiosisandmorewordsjoi'],
  ]
  for (const [title, folder] of titles) {
    it(`names "${title}" ${folder ? `\`${folder}\`` : 'nothing'}`, () => {
      expect(slugify(title)).toBe(folder)
      expect(folder.length).toBeLessThanOrEqual(60)
    })
  }

  it('makes the folder from the title, and asks for --slug when the title has no Latin letters', async () => {
    const dir = exampleProject('brief-names-new-')
    const made = await briefHere(['new', "Pakistan's Personal Data Protection Bill and the Digital Economy", '--date', '2025-06-20'], { cwd: dir })
    expect(made.code, made.stderr).toBe(0)
    expect(made.stderr).toContain('briefs/2025-06-20-pakistans-personal-data-protection-bill-and-the-digital/brief.md')
    const urdu = await briefHere(['new', 'پاکستان اور افغانستان', '--date', '2025-06-20'], { cwd: dir })
    expect(urdu.code).toBe(2)
    expect(urdu.stderr).toContain('it has no Latin letters or digits')
    expect(urdu.stderr).toContain('--slug')
    const named = await briefHere(['new', 'پاکستان اور افغانستان', '--date', '2025-06-20', '--slug', 'Pakistan Afghanistan'], { cwd: dir })
    expect(named.code, named.stderr).toBe(0)
    const text = readFileSync(path.join(dir, 'briefs', '2025-06-20-pakistan-afghanistan', 'brief.md'), 'utf8')
    expect(text).toContain('title: "پاکستان اور افغانستان"')
  })
})

describe('enumerated flag values get "did you mean"', () => {
  const cases: Array<[string[], string]> = [
    [['build', '--format', 'word'], 'Unknown format `word` (did you mean `docx`?)'],
    [['build', '--format', 'pdf,web'], 'Unknown format `web` (did you mean `html`?)'],
    [['build', '--format', 'ebook'], 'Unknown format `ebook` (did you mean `epub`?)'],
    [['build', '--format', 'pfd'], 'Unknown format `pfd` (did you mean `pdf`?)'],
    [['build', '--format', 'odt'], 'Unknown format `odt` (did you mean `docx`?)'],
    [['bib', '--to', 'json'], 'Unknown bibliography format `json` (did you mean `csl-json`?)'],
    [['bib', '--to', 'bibtext'], 'Unknown bibliography format `bibtext` (did you mean `bibtex`?)'],
    [['bib', '--to', 'biblatex'], 'Unknown bibliography format `biblatex` (did you mean `bibtex`?)'],
    [['bib', '--to', 'markdown'], 'Unknown bibliography format `markdown` (did you mean `md`?)'],
    [['new', 'A title', '--template', 'issue-brif'], 'Unknown template `issue-brif` (did you mean `issue-brief`?)'],
  ]
  for (const [args, said] of cases) {
    it(`brief ${args.join(' ')}`, async () => {
      const dir = exampleProject('brief-names-flags-')
      const run = await briefHere(args, { cwd: dir })
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(said)
    })
  }

  it('takes a value in any case, and says the list when nothing is near', async () => {
    const dir = exampleProject('brief-names-case-')
    const bib = await briefHere(['bib', `briefs/${seed}`, '--to', 'BibTeX'], { cwd: dir })
    expect(bib.code, bib.stderr).toBe(0)
    expect(bib.stdout).toMatch(/^@/)
    const far = await briefHere(['build', '--format', 'xyzzy'], { cwd: dir })
    expect(far.stderr).toContain('Unknown format `xyzzy`\n')
    expect(far.stderr).toContain('Use one of pdf, html, epub, docx, e.g. --format pdf,html')
  })
})

describe('a folder of several .md briefs', () => {
  /** briefs/commentaries: two briefs sharing one bibliography, and a README that is no brief. */
  function commentaries(): string {
    const dir = exampleProject('brief-names-folder-')
    const folder = path.join(dir, 'briefs', 'commentaries')
    mkdirSync(folder, { recursive: true })
    writeFileSync(path.join(folder, 'references.json'), readFileSync(path.join(dir, 'briefs', seed, 'references.json')))
    for (const [name, key] of [['2025-05-02-water-treaty', 'yousaf2025envoy'], ['2025-05-09-trade-corridor', 'khan2025peace']]) {
      writeFileSync(path.join(folder, `${name}.md`), `---\ntitle: Commentary ${name}\nauthor: Amina Khan\ndate: 2025-05-02\nbibliography: references.json\n---\n\nA commentary [@${key}].\n`)
    }
    writeFileSync(path.join(folder, 'README.md'), '# Commentaries\n\nShort pieces sharing one bibliography.\n')
    return dir
  }

  it('builds both, each under its own name, and rebuilds both when their bibliography changes', async () => {
    const dir = commentaries()
    const first = await briefHere(['build', 'briefs/commentaries', '--format', 'html'], { cwd: dir })
    expect(first.code, first.stderr).toBe(0)
    expect(first.stderr).toContain('2 built')
    const out = (name: string) => readFileSync(path.join(dir, 'output', `${name}.html`), 'utf8')
    expect(out('2025-05-02-water-treaty')).toContain('Envoy wraps up fruitful Kabul trip')
    expect(out('2025-05-09-trade-corridor')).not.toContain('Envoy wraps up fruitful Kabul trip')
    // The same brief named by its file is the same brief: same name, and up to date.
    const byFile = await briefHere(['build', 'briefs/commentaries/2025-05-02-water-treaty.md', '--format', 'html'], { cwd: dir })
    expect(byFile.stderr).toContain('2025-05-02-water-treaty: up to date')
    // Every brief of the project, the folder's two with the others; the record knows each.
    const all = await briefHere(['build', '--format', 'html'], { cwd: dir })
    expect(all.stderr).toContain('1 built, 2 up to date')
    const bibliography = path.join(dir, 'briefs', 'commentaries', 'references.json')
    writeFileSync(bibliography, readFileSync(bibliography, 'utf8').replace('Envoy wraps up fruitful Kabul trip', 'Envoy ends a fruitful Kabul trip'))
    const again = await briefHere(['build', '--format', 'html'], { cwd: dir })
    expect(again.stderr).toContain('2 built, 1 up to date')
    expect(out('2025-05-02-water-treaty')).toContain('Envoy ends a fruitful Kabul trip')
  })

  it('previews the one saved last in brief watch, and says so', async () => {
    const dir = commentaries()
    const older = path.join(dir, 'briefs', 'commentaries', '2025-05-09-trade-corridor.md')
    utimesSync(older, new Date('2025-01-01'), new Date('2025-01-01'))
    const chosen = await chooseBrief([path.join(dir, 'briefs', 'commentaries')], dir)
    expect(chosen.among).toBe(2)
    expect(chosen.brief.slug).toBe('2025-05-02-water-treaty')
  })

  it('refuses two briefs that would write the same file, even in another case', async () => {
    const dir = commentaries()
    mkdirSync(path.join(dir, 'briefs', 'opinion'))
    writeFileSync(path.join(dir, 'briefs', 'opinion', '2025-05-02-Water-Treaty.md'), '---\ntitle: Another\n---\n\nText.\n')
    const run = await briefHere(['build', '--format', 'html'], { cwd: dir })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('Two briefs would write the same output name "2025-05-02-Water-Treaty"')
  })

  it('says what a folder without briefs holds, and what a brief is', async () => {
    const dir = exampleProject('brief-names-none-')
    const folder = path.join(dir, 'notes')
    mkdirSync(folder)
    writeFileSync(path.join(folder, 'README.md'), '# Notes\n')
    writeFileSync(path.join(folder, 'ideas.md'), 'Some ideas.\n')
    writeFileSync(path.join(folder, 'sources.bib'), '')
    const run = await briefHere(['build', 'notes'], { cwd: dir })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('No briefs in notes: it holds ideas.md and README.md, which do not start with front matter, and 1 other file')
    expect(run.stderr).toContain('A brief is a folder holding brief.md, or a .md file that starts with front matter')
  })
})

describe('front matter keys', () => {
  it('refuses a near miss of a known key in build and check, with exit code 1', async () => {
    const dir = exampleProject('brief-names-keys-')
    mkdirSync(path.join(dir, 'briefs', 'near'))
    writeFileSync(path.join(dir, 'briefs', 'near', 'brief.md'), readFileSync(path.join(fixture('bad/front-matter-near-miss'), 'brief.md')))
    for (const command of ['build', 'check']) {
      const run = await briefHere([command, 'briefs/near', ...(command === 'build' ? ['--format', 'html'] : [])], { cwd: dir })
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('briefs/near/brief.md:3:1  error  Unknown front matter key `authors` (did you mean `author`?)')
    }
  })

  it('ignores Quarto\u2019s and pandoc\u2019s keys, warning only about those a reader would miss', async () => {
    const dir = exampleProject('brief-names-quarto-')
    mkdirSync(path.join(dir, 'briefs', 'quarto'))
    writeFileSync(path.join(dir, 'briefs', 'quarto', 'brief.md'), readFileSync(path.join(fixture('front-matter-quarto'), 'brief.md')))
    const run = await briefHere(['check', 'briefs/quarto'], { cwd: dir })
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('`toc` (Quarto\'s or pandoc\'s) is ignored')
    for (const silent of ['`format`', '`editor`', '`execute`']) expect(run.stderr).not.toContain(silent)
  })
})
