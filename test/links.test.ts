/**
 * The one link rule (src/brief/links.ts), held in every output: one brief writes a link of
 * every class (web, `#place`, a file beside the brief, a missing file, no target, an absolute
 * path, `../`, `file:`, `//host`, `\\\\host`, `javascript:`, `data:`, `ftp:`, `tel:`), as a
 * Markdown link, by reference and in raw HTML. Each link no output keeps gets its exact
 * warning at its place, once; and the PDF's link annotations, the web page's and the EPUB's
 * hrefs and the Word document's relationships hold exactly the links kept, never a `file:`
 * one, with the dropped links' words still printed.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { linkKind } from '../src/brief/links.ts'
import { build, type BriefResult } from '../src/core/build.ts'
import { messages } from '../src/messages.ts'
import { repo } from './helpers/cli.ts'
import { epubcheck } from './helpers/epub.ts'
import { pageTexts, uriLinks } from './helpers/pdf.ts'
import { sharedBrowser } from './helpers/browser.ts'

// One link a line, from line 5 on, so each message's place is known exactly.
const links = [
  ['[web](https://example.org/a%20b)', 'web'],
  ['[mail](mailto:desk@example.org)', 'mail'],
  ['## Findings {#findings}', ''],
  ['[place](#findings)', 'place'],
  ['[annex](annex.pdf)', 'annex'],
  ['[annex page](annex.pdf#page=2)', 'annex page'],
  ['[gone](gone.pdf)', 'gone'],
  ['[nothing]()', 'nothing'],
  ['[nowhere](#nowhere)', 'nowhere'],
  ['[passwd](/etc/passwd)', 'passwd'],
  ['[up](../up.pdf)', 'up'],
  ['[file](file:///etc/hosts)', 'file'],
  ['[host](//example.org/x)', 'host'],
  // Markdown reads `\\` as one backslash: `\server\share`, then `\\server\share`.
  ['[share](\\\\server\\share)', 'share'],
  ['[unc](\\\\\\\\server\\share)', 'unc'],
  ['[script](javascript:alert(1))', 'script'],
  ['[data](data:text/html,hi)', 'data'],
  ['[ftp](ftp://example.org/a)', 'ftp'],
  ['[phone](tel:+92511234567)', 'phone'],
  ['[by reference][annexref]', 'by reference'],
  ['<a href="annex.pdf">raw annex</a>', 'raw annex'],
  ['<a href="/etc/passwd">raw passwd</a>', 'raw passwd'],
  ['<a href="https://example.org/raw">raw web</a>', 'raw web'],
  ['<https://example.org/auto>', 'https://example.org/auto'],
  ['', ''],
  ['[annexref]: annex.pdf', ''],
] as const
const first = 5
const lineOf = (written: string) => first + links.findIndex(([line]) => line === written)

const expectedMessages = [
  `${lineOf('[annex](annex.pdf)')}:1 local-link ${messages.localLink('annex.pdf')}`,
  `${lineOf('[annex page](annex.pdf#page=2)')}:1 local-link ${messages.localLink('annex.pdf#page=2')}`,
  `${lineOf('[gone](gone.pdf)')}:1 missing-link-target ${messages.missingLinkTarget('gone.pdf')}`,
  `${lineOf('[nothing]()')}:1 local-link ${messages.emptyLink()}`,
  `${lineOf('[nowhere](#nowhere)')}:1 missing-link-target ${messages.missingFragment('nowhere')}`,
  `${lineOf('[passwd](/etc/passwd)')}:1 outside-folder ${messages.outsideLink('/etc/passwd')}`,
  `${lineOf('[up](../up.pdf)')}:1 outside-folder ${messages.outsideLink('../up.pdf')}`,
  `${lineOf('[file](file:///etc/hosts)')}:1 outside-folder ${messages.outsideLink('file:///etc/hosts')}`,
  `${lineOf('[host](//example.org/x)')}:1 link-scheme ${messages.linkWithoutScheme('//example.org/x')}`,
  `${lineOf('[share](\\\\server\\share)')}:1 outside-folder ${messages.outsideLink('\\server\\share')}`,
  `${lineOf('[unc](\\\\\\\\server\\share)')}:1 link-scheme ${messages.linkWithoutScheme('\\\\server\\share')}`,
  `${lineOf('[script](javascript:alert(1))')}:1 link-scheme ${messages.linkScheme('javascript:alert(1)')}`,
  `${lineOf('[data](data:text/html,hi)')}:1 link-scheme ${messages.linkScheme('data:text/html,hi')}`,
  `${lineOf('[ftp](ftp://example.org/a)')}:1 link-scheme ${messages.linkScheme('ftp://example.org/a')}`,
  `${lineOf('[phone](tel:+92511234567)')}:1 link-scheme ${messages.linkScheme('tel:+92511234567')}`,
  `${lineOf('[by reference][annexref]')}:1 local-link ${messages.localLink('annex.pdf')}`,
  `${lineOf('<a href="annex.pdf">raw annex</a>')}:1 local-link ${messages.localLink('annex.pdf')}`,
  `${lineOf('<a href="/etc/passwd">raw passwd</a>')}:1 outside-folder ${messages.outsideLink('/etc/passwd')}`,
]

/** Everything each output links to, outside its own pages. */
const keptOut = ['https://example.org/a%20b', 'mailto:desk@example.org', 'https://example.org/raw', 'https://example.org/auto']

describe('the link rule', () => {
  it('sorts every target into one class', () => {
    const kinds = Object.fromEntries(
      ['https://x.org', 'HTTP://x.org', 'mailto:a@b.org', '#x', '#', 'annex.pdf', 'sub/annex.pdf', 'a/../annex.pdf', '?q=1', '', 'a/../../x', '../x', '/x', '\\x', ' /x', 'file:x', 'FILE:///x', '//h/x', '\\\\h\\x', '/\\h', 'java\tscript:x', ' javascript:x', 'data:x', 'ftp://x', 'tel:1', 'c:\\x'].map((href) => [href, linkKind(href)]),
    )
    expect(kinds).toEqual({
      'https://x.org': 'web', 'HTTP://x.org': 'web', 'mailto:a@b.org': 'web', '#x': 'fragment', '#': 'fragment',
      'annex.pdf': 'local', 'sub/annex.pdf': 'local', 'a/../annex.pdf': 'local', '?q=1': 'local', '': 'local',
      'a/../../x': 'outside', '../x': 'outside', '/x': 'outside', '\\x': 'outside', ' /x': 'outside', 'file:x': 'outside', 'FILE:///x': 'outside',
      '//h/x': 'scheme', '\\\\h\\x': 'scheme', '/\\h': 'scheme', 'java\tscript:x': 'scheme', ' javascript:x': 'scheme', 'data:x': 'scheme', 'ftp://x': 'scheme', 'tel:1': 'scheme', 'c:\\x': 'scheme',
    })
  })
})

describe('links in every output', () => {
  let dir: string
  let result: BriefResult
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'brief-links-'))
    const folder = path.join(dir, 'links')
    mkdirSync(folder)
    writeFileSync(path.join(folder, 'annex.pdf'), '%PDF-1.4 an annex')
    writeFileSync(path.join(folder, 'brief.md'), ['---', 'title: Links', '---', '', ...links.map(([line]) => line)].join('\n') + '\n')
    result = (await build({ paths: [folder], out: path.join(dir, 'out'), cwd: repo, formats: ['pdf', 'html', 'epub', 'docx'], browser: await sharedBrowser() })).briefs[0]!
  })

  it('warns once at each link no output keeps, with what to write instead', () => {
    expect(result.ok, result.messages.map(String).join('\n')).toBe(true)
    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual(expectedMessages)
  })

  it('prints in the PDF only the links kept: no file: link, the words of the others as text', () => {
    const pdf = path.join(dir, 'out', 'links.pdf')
    const uris = uriLinks(pdf).filter((uri) => uri !== 'https://www.issi.org.pk/')
    expect(uris).toEqual(keptOut)
    expect(uriLinks(pdf).filter((uri) => !/^(https?|mailto):/.test(uri))).toEqual([])
    const text = pageTexts(pdf).join('\n')
    for (const [, words] of links) if (words) expect(text).toContain(words)
  })

  it('keeps in the web page and the EPUB only the links kept, and the EPUB validates', async () => {
    const body = (html: string) => html.slice(html.indexOf('<main'))
    const hrefs = (html: string) => [...body(html).matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&#x26;', '&'))
    const page = readFileSync(path.join(dir, 'out', 'links.html'), 'utf8')
    expect(hrefs(page)).toEqual(['https://example.org/a%20b', 'mailto:desk@example.org', '#findings', 'https://example.org/raw', 'https://example.org/auto'])
    const book = unzipSync(readFileSync(path.join(dir, 'out', 'links.epub')))
    const xhtml = strFromU8(book['OEBPS/text/brief.xhtml']!)
    expect([...xhtml.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!)).toEqual(['https://example.org/a%20b', 'mailto:desk@example.org', '#findings', 'https://example.org/raw', 'https://example.org/auto'])
    for (const output of [page, xhtml]) for (const bad of ['annex.pdf', '/etc/passwd', 'file:', '//example.org/x', 'javascript:', 'tel:', 'ftp:']) expect(output).not.toContain(`href="${bad}`)
    const check = await epubcheck(path.join(dir, 'out', 'links.epub'))
    expect([check.errors, check.warnings], check.output).toEqual([0, 0])
  })

  it('gives the Word document a relationship for each link kept and for nothing else', () => {
    const parts = unzipSync(readFileSync(path.join(dir, 'out', 'links.docx')))
    const targets = Object.entries(parts)
      .filter(([name]) => name.endsWith('.rels'))
      .flatMap(([, data]) => [...strFromU8(data).matchAll(/<Relationship [^>]*Type="[^"]*\/hyperlink"[^>]*Target="([^"]*)"/g)].map((m) => m[1]!))
    expect(targets.sort()).toEqual([...keptOut].sort())
  })
})
