/**
 * The masthead in every output: the institute's logo, several authors side by side, the
 * default disclaimer in the number of the authors.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { brief, repo } from './helpers/cli.ts'
import { epubcheck, unzipEpub } from './helpers/epub.ts'
import { pageTexts, wordBoxes } from './helpers/pdf.ts'
import { fixture } from './helpers/fixtures.ts'
import { sharedBrowser } from './helpers/browser.ts'

const seed = '2025-04-07-pakistan-afghanistan-resetting-ties'

/** A project with a logo in its configuration, the example brief and a two-author brief. */
function project(logo = 'issi-logo.png'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-masthead-'))
  cpSync(path.join(repo, 'briefs', seed), path.join(dir, 'briefs', seed), { recursive: true })
  cpSync(fixture('layout-elements'), path.join(dir, 'briefs', 'two-authors'), { recursive: true })
  cpSync(path.join(repo, 'test/fixtures/layout-elements/map.png'), path.join(dir, 'issi-logo.png'))
  writeFileSync(path.join(dir, 'brief.config.yaml'), `${readFileSync(path.join(repo, 'brief.config.yaml'), 'utf8')}logo: ${logo}\n`)
  return dir
}

describe('masthead', () => {
  let dir: string
  beforeAll(async () => {
    dir = project()
    const report = await build({ cwd: dir, out: path.join(dir, 'output'), formats: ['pdf', 'html', 'epub', 'docx'], browser: await sharedBrowser() })
    expect(report.briefs.flatMap((b) => b.messages.filter((m) => m.fatal).map(String))).toEqual([])
  })
  const out = (name: string) => path.join(dir, 'output', name)

  it('puts the logo at the top of the Word document, and the second author in the title block', () => {
    const files = unzipEpub(out(`${seed}.docx`))
    expect(Object.keys(files).filter((n) => n.startsWith('word/media/'))).toHaveLength(1)
    const document = Buffer.from(files['word/document.xml']!).toString()
    // The logo's drawing comes before the series label, with the institute's name as its description.
    expect(document.indexOf('<w:drawing>')).toBeGreaterThan(-1)
    expect(document.indexOf('<w:drawing>')).toBeLessThan(document.indexOf('<w:pStyle w:val="Series"/>'))
    expect(document).toMatch(/descr="Institute of Strategic Studies Islamabad logo"/)
    const two = Buffer.from(unzipEpub(out('two-authors.docx'))['word/document.xml']!).toString()
    expect(two.match(/<w:pStyle w:val="Author"\/>/g)).toHaveLength(2)
  })

  it('draws the logo in the web page, the PDF and the EPUB', async () => {
    expect(readFileSync(out(`${seed}.html`), 'utf8')).toMatch(/<img class="logo" src="data:image\/png;base64,[^"]+" alt="Institute of Strategic Studies Islamabad logo">/)
    const images = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', out(`${seed}.pdf`)], { encoding: 'utf8' })
    expect(images.split('\n').filter((l) => /^\s+1\s+\d+\s+image/.test(l))).toHaveLength(1)
    const book = unzipEpub(out(`${seed}.epub`))
    expect(Object.keys(book)).toContain('OEBPS/images/logo.png')
    expect(Buffer.from(book['OEBPS/text/title.xhtml']!).toString()).toContain('<img class="logo" src="../images/logo.png"')
    const check = await epubcheck(out(`${seed}.epub`))
    expect([check.errors, check.warnings], check.output).toEqual([0, 0])
  })

  it('speaks of "the authors" in the default disclaimer when there are several', () => {
    expect(readFileSync(out('two-authors.html'), 'utf8')).toContain('those of the authors, and do not represent')
    expect(readFileSync(out(`${seed}.html`), 'utf8')).toContain('those of the author, and do not represent')
  })

  it('sets two authors side by side on the first page of the PDF', () => {
    const words = wordBoxes(out('two-authors.pdf')).filter((w) => w.page === 1)
    const first = words.find((w) => w.word === 'Amina')!
    const second = words.find((w) => w.word === 'Second')!
    expect(Math.abs(first.yMin - second.yMin)).toBeLessThan(2)
    expect(pageTexts(out('two-authors.pdf'))[0]).toContain('those of the authors')
  })

  it('stops with exit code 2 when the configured logo is missing', () => {
    const broken = project('missing-logo.png')
    const run = brief(['build', '--format', 'html'], { cwd: broken })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('logo `missing-logo.png` in brief.config.yaml cannot be read')
  })
})
