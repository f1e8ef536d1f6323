/**
 * SVG images are held to what an image may be (src/brief/svg-check.ts): a family of SVGs
 * that run or load something (a script, an event handler, foreignObject, a remote or local
 * `href` or `xlink:href`, a nested SVG, CSS `@import`, `url()` and escapes, an outside
 * stylesheet's processing instruction, a DOCTYPE declaring entities, an HTML element, an
 * animation setting a link) is left out of every output with its exact warning at the
 * image's place naming the line of the SVG; SVGs as drawing programs save them (comments,
 * a public DOCTYPE, Inkscape's namespace, gradients, `#place` and `data:` PNG references)
 * are carried as they are (less a DOCTYPE), and the EPUB passes EPUBCheck.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BriefResult } from '../src/core/build.ts'
import { messages } from '../src/messages.ts'
import { repo } from './helpers/cli.ts'
import { epubcheck } from './helpers/epub.ts'
import { png } from './helpers/images.ts'
import { pageTexts } from './helpers/pdf.ts'
import { sharedBrowser } from './helpers/browser.ts'

const ns = 'xmlns="http://www.w3.org/2000/svg"'
const xlink = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
const dot = `data:image/png;base64,${png(2, 2).toString('base64')}`
const svg = (...lines: string[]) => lines.join('\n')

/** Refused: the file, the line of the SVG the warning names, and what it names there. */
const refused: Array<[string, string, number, string]> = [
  ['script.svg', svg(`<svg ${ns} width="10" height="10">`, '<script>alert(1)</script>', '</svg>'), 2, 'a `<script>` element'],
  ['onload.svg', svg(`<svg ${ns} width="10" height="10" onload="alert(1)">`, '</svg>'), 1, 'an event handler `onload`'],
  ['foreign.svg', svg(`<svg ${ns}>`, '<rect width="5" height="5"/>', '<foreignObject width="10" height="10"><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject>', '</svg>'), 3, 'a `<foreignObject>` element'],
  ['remote-image.svg', svg(`<svg ${ns}>`, '<image href="https://example.org/x.png" width="5" height="5"/>', '</svg>'), 2, 'a reference to a file or address `href="https://example.org/x.png"`'],
  ['remote-use.svg', svg(`<svg ${ns} ${xlink}>`, '<use xlink:href="other.svg#shape"/>', '</svg>'), 2, 'a reference to a file or address `xlink:href="other.svg#shape"`'],
  ['local-image.svg', svg(`<svg ${ns}>`, '<image href="../secret.png"/>', '</svg>'), 2, 'a reference to a file or address `href="../secret.png"`'],
  // A long reference is named by its first 77 characters.
  ['nested.svg', svg(`<svg ${ns}>`, `<image href="data:image/svg+xml;base64,${Buffer.from(`<svg ${ns}><script>1</script></svg>`).toString('base64')}"/>`, '</svg>'), 2, 'a reference to a file or address `href="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwM…`'],
  ['import.svg', svg(`<svg ${ns}>`, '<style>@import url(https://example.org/a.css); rect { fill: red }</style>', '</svg>'), 2, 'a CSS `@import` (an outside stylesheet)'],
  ['css-url.svg', svg(`<svg ${ns}>`, '<rect width="5" height="5" style="fill: url(https://example.org/p.svg#g)"/>', '</svg>'), 2, 'a reference to a file or address `url(https://example.org/p.svg#g)`'],
  ['fill-url.svg', svg(`<svg ${ns}>`, '<rect width="5" height="5" fill="url(\'pattern.svg#p\')"/>', '</svg>'), 2, 'a reference to a file or address `url(\'pattern.svg#p\')`'],
  ['escaped-css.svg', svg(`<svg ${ns}>`, '<style>rect { fill: \\75 rl(x.svg) }</style>', '</svg>'), 2, 'CSS with escapes (`\\`), which could hide a reference'],
  ['stylesheet-pi.svg', svg('<?xml version="1.0"?>', '<?xml-stylesheet href="style.css" type="text/css"?>', `<svg ${ns}/>`), 2, 'a processing instruction `<?xml-stylesheet …?>` (an outside stylesheet)'],
  ['entity.svg', svg('<!DOCTYPE svg [', '<!ATTLIST svg onload CDATA "alert(1)">', ']>', `<svg ${ns}/>`), 1, 'a DOCTYPE that declares entities or attributes'],
  ['xhtml.svg', svg(`<svg ${ns} xmlns:h="http://www.w3.org/1999/xhtml">`, '<h:iframe src="https://example.org"/>', '</svg>'), 2, 'an HTML element `<h:iframe>`'],
  ['animate.svg', svg(`<svg ${ns}>`, '<a href="#r"><rect id="r" width="5" height="5"/>', '<set attributeName="href" to="javascript:alert(1)"/></a>', '</svg>'), 3, 'an animation that sets a reference `<set attributeName="href">`'],
]

/** Kept: SVGs as drawing programs save them. */
const kept: Array<[string, string]> = [
  ['inkscape.svg', svg(
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    '<!-- Created with Inkscape (http://www.inkscape.org/) -->',
    `<svg ${ns} ${xlink} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" width="120" height="60" viewBox="0 0 120 60" version="1.1">`,
    '<sodipodi:namedview id="view" inkscape:zoom="1"/>',
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#0a5"/><stop offset="1" stop-color="#fc0"/></linearGradient></defs>',
    '<rect id="r" width="60" height="60" fill="url(#g)" inkscape:label="box"/>',
    '<use xlink:href="#r" x="60"/>',
    '</svg>',
  )],
  ['illustrator.svg', svg(
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
    `<svg version="1.1" ${ns} ${xlink} x="0px" y="0px" viewBox="0 0 80 40" style="enable-background:new 0 0 80 40;" xml:space="preserve">`,
    '<style type="text/css">.st0{fill:#1B4F72;} .st1{fill:url(#g2);}</style>',
    '<linearGradient id="g2"><stop offset="0" style="stop-color:#FFFFFF"/><stop offset="1" style="stop-color:#000000"/></linearGradient>',
    '<rect class="st0" width="40" height="40"/><rect class="st1" x="40" width="40" height="40"/>',
    `<image width="2" height="2" xlink:href="${dot}"/>`,
    '<circle cx="5" cy="5" r="2" fill="url(#g2)"/>',
    '</svg>',
  )],
]

describe('SVG images', () => {
  let dir: string
  let result: BriefResult
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'brief-svg-'))
    const folder = path.join(dir, 'svg')
    mkdirSync(folder)
    writeFileSync(path.join(dir, 'secret.png'), png(3, 3))
    for (const [name, text] of [...refused, ...kept]) writeFileSync(path.join(folder, name), text)
    const body = [...refused, ...kept].map(([name]) => `Image ![${name}](${name}).`)
    writeFileSync(path.join(folder, 'brief.md'), ['---', 'title: SVG', '---', '', ...body.flatMap((line) => [line, ''])].join('\n'))
    result = (await build({ paths: [folder], out: path.join(dir, 'out'), cwd: repo, formats: ['pdf', 'html', 'epub', 'docx'], browser: await sharedBrowser() })).briefs[0]!
  })

  it('leaves out each SVG that runs or loads something, with its warning at the image naming the SVG’s line', () => {
    expect(result.ok, result.messages.map(String).join('\n')).toBe(true)
    const brief = result.messages.filter((m) => m.source !== 'docx' && m.source !== 'layout').map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)
    expect(brief).toEqual(refused.map(([name, , line, what], i) => `${5 + 2 * i}:7 unsafe-svg ${messages.unsafeSvg(name, what, line)}`))
    // Word takes no SVG: the kept ones are left out of it, and said.
    expect(result.messages.filter((m) => m.source === 'docx').map((m) => m.reason)).toEqual(kept.map(([name]) => messages.imageNotForWord(name)))
  })

  it('carries the kept SVGs as they are in the web page and the EPUB, and none of the others; the EPUB passes EPUBCheck', async () => {
    const page = readFileSync(path.join(dir, 'out', 'svg.html'), 'utf8')
    const inlined = [...page.matchAll(/src="data:image\/svg\+xml;base64,([^"]+)"/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'))
    // As they are, less a DOCTYPE (EPUB forbids its external identifier; it draws nothing).
    const carried = kept.map(([, text]) => text.replace(/<!DOCTYPE[^>]*>/, ''))
    expect(inlined).toEqual(carried)
    for (const [name] of refused) expect(page).toContain(`<span class="image-unavailable">[${name}]</span>`)
    const book = unzipSync(readFileSync(path.join(dir, 'out', 'svg.epub')))
    const images = Object.entries(book).filter(([name]) => name.startsWith('OEBPS/images/') && name.endsWith('.svg'))
    expect(images.map(([, data]) => strFromU8(data)).sort()).toEqual([...carried].sort())
    const check = await epubcheck(path.join(dir, 'out', 'svg.epub'))
    expect([check.errors, check.warnings], check.output).toEqual([0, 0])
  })

  it('prints the refused SVGs’ descriptions in the PDF, and the page asks for nothing', () => {
    const text = pageTexts(path.join(dir, 'out', 'svg.pdf')).join('\n')
    for (const [name] of refused) expect(text).toContain(`[${name}]`)
    expect(result.messages.filter((m) => m.ruleId === 'blocked-request')).toEqual([])
  })

  it('records the SVG file as read, not as carried: the next build finds it up to date', async () => {
    const folder = path.join(dir, 'again')
    mkdirSync(folder)
    writeFileSync(path.join(folder, 'illustrator.svg'), kept[1]![1])
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: Again\n---\n\n![drawing](illustrator.svg)\n')
    const once = async () => (await build({ paths: [folder], out: path.join(dir, 'again-out'), cwd: repo, formats: ['html'] })).briefs[0]!
    expect((await once()).skipped).toBeFalsy()
    expect((await once()).skipped).toBe(true)
  })
})
