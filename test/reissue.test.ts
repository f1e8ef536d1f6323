/**
 * Re-issuing a corrected brief: `date-modified` (or its alias `revised`) shows in every output
 * as a reader or an indexer looks for it. The title block's "Revised June 20, 2025" under the
 * date; the EPUB's and the DOCX's `dcterms:modified` and the PDF's ModDate are the correction's
 * day, while the DOCX's `dcterms:created`, the PDF's CreationDate, the EPUB's `dc:date` and the
 * web page's publication tags keep the first issue's; `SOURCE_DATE_EPOCH`, when set, is the
 * modification time instead.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { strFromU8 } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { briefHere, exampleProject, seed } from './helpers/cli.ts'
import { unzipEpub } from './helpers/epub.ts'
import { pageTexts } from './helpers/pdf.ts'

/** The example brief, corrected on 2025-06-20 (`key` is how the front matter says so). */
function corrected(key: 'date-modified' | 'revised'): string {
  const dir = exampleProject(`brief-reissue-${key}-`)
  const file = path.join(dir, 'briefs', seed, 'brief.md')
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^date: "2025-04-07"$/m, `date: "2025-04-07"\n${key}: 2025-06-20`))
  return dir
}

/** pdfinfo's dates, as ISO date-times in UTC. */
function pdfDates(file: string): { created?: string; modified?: string } {
  const info = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' })
  const field = (name: string) => new RegExp(`^${name}:\\s+(\\S+)`, 'm').exec(info)?.[1]?.replace(/\+00(:?00)?$/, 'Z')
  return { created: field('CreationDate'), modified: field('ModDate') }
}

const output = (dir: string, ext: string) => path.join(dir, 'output', `${seed}.${ext}`)
const part = (file: string, name: string) => strFromU8(unzipEpub(file)[name]!)

describe('a brief re-issued with date-modified', () => {
  let dir: string
  beforeAll(async () => {
    dir = corrected('date-modified')
    const run = await briefHere(['build', '--format', 'pdf,html,epub,docx'], { cwd: dir })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).not.toContain('warning')
  }, 120_000)

  it('prints "Revised June 20, 2025" under the date in every output', () => {
    const html = readFileSync(output(dir, 'html'), 'utf8')
    expect(html).toContain('<p class="date"><time datetime="2025-04-07">April 7, 2025</time></p><p class="revised">Revised <time datetime="2025-06-20">June 20, 2025</time></p>')
    expect(part(output(dir, 'epub'), 'OEBPS/text/title.xhtml')).toContain('<p class="revised">Revised <time datetime="2025-06-20">June 20, 2025</time></p>')
    expect(part(output(dir, 'docx'), 'word/document.xml')).toMatch(/<w:pStyle w:val="Date"\/><\/w:pPr><w:r><w:t[^>]*>April 7, 2025<\/w:t><\/w:r><\/w:p><w:p><w:pPr><w:pStyle w:val="Date"\/><\/w:pPr><w:r><w:t[^>]*>Revised June 20, 2025<\/w:t>/)
    expect(pageTexts(output(dir, 'pdf'))[0]).toMatch(/April 7, 2025\s+Revised June 20, 2025/)
  })

  it('dates the EPUB\u2019s modification and keeps its publication date', () => {
    const opf = part(output(dir, 'epub'), 'OEBPS/content.opf')
    expect(opf).toContain('<meta property="dcterms:modified">2025-06-20T00:00:00Z</meta>')
    expect(opf).toContain('<dc:date>2025-04-07</dc:date>')
  })

  it('gives the Word document its creation and modification dates', () => {
    const core = part(output(dir, 'docx'), 'docProps/core.xml')
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-04-07T00:00:00Z</dcterms:created>')
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2025-06-20T00:00:00Z</dcterms:modified>')
  })

  it('gives the PDF its CreationDate from the first issue and its ModDate from the correction', () => {
    expect(pdfDates(output(dir, 'pdf'))).toEqual({ created: '2025-04-07T00:00:00Z', modified: '2025-06-20T00:00:00Z' })
  })

  it('says when the web page was modified, and leaves the scholarly publication date alone', () => {
    const html = readFileSync(output(dir, 'html'), 'utf8')
    expect(html).toContain('<meta name="dcterms.modified" content="2025-06-20">')
    expect(html).toContain('<meta property="article:modified_time" content="2025-06-20">')
    expect(html).toContain('<meta property="article:published_time" content="2025-04-07">')
    expect(html).toContain('<meta name="citation_publication_date" content="2025/04/07">')
    // Google Scholar's tags have none for a revision: no citation_* tag carries the new day.
    expect(html.match(/<meta name="citation_[^>]*>/g)!.join('\n')).not.toMatch(/2025.06.20/)
  })

  it('takes SOURCE_DATE_EPOCH as the modification time when it is set, and rebuilds for it', async () => {
    const epoch = await briefHere(['build', '--format', 'pdf,epub,docx'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1767225600' } })
    expect(epoch.code, epoch.stderr).toBe(0)
    expect(epoch.stderr).not.toContain('up to date')
    expect(part(output(dir, 'epub'), 'OEBPS/content.opf')).toContain('<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>')
    expect(part(output(dir, 'docx'), 'docProps/core.xml')).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>')
    expect(pdfDates(output(dir, 'pdf'))).toEqual({ created: '2025-04-07T00:00:00Z', modified: '2026-01-01T00:00:00Z' })
  }, 120_000)
})

describe('`revised:`, the alias', () => {
  it('is read as date-modified, with a warning naming the key to write', async () => {
    const dir = corrected('revised')
    const run = await briefHere(['build', '--format', 'epub'], { cwd: dir })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain(`briefs/${seed}/brief.md:9:1  warning  \`revised\` is read as \`date-modified\`, Quarto's key for it; write \`date-modified:\` so other tools read it too  [front-matter-key]`)
    expect(part(output(dir, 'epub'), 'OEBPS/text/title.xhtml')).toContain('Revised <time datetime="2025-06-20">June 20, 2025</time>')
  })

  it('refuses Quarto\u2019s `date-modified: today`, which would change with every build', async () => {
    const dir = exampleProject('brief-reissue-bad-')
    mkdirSync(path.join(dir, 'briefs', 'today'))
    writeFileSync(path.join(dir, 'briefs', 'today', 'brief.md'), '---\ntitle: Today\ndate: 2025-04-07\ndate-modified: today\n---\n\nText.\n')
    const run = await briefHere(['check', 'briefs/today'], { cwd: dir })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('`date-modified: today` would change with every build; write the day itself, e.g. `date-modified: 2025-06-20`')
  })
})
