/**
 * A small EPUB book for the packaging tests: the markup the EPUB output is meant to produce
 * (sections, footnote asides, roles, <time>, a figure, a captioned table, hidden and data-*
 * attributes), an image and the fonts. Used by test/epub-package.test.ts and
 * test/stress/epubcheck-server.test.ts.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import type { EpubBook } from '../../src/render/epub/epub-package.ts'
import { repo } from './cli.ts'
import { epubcheckJar } from './epub.ts'

/** Whether EPUBCheck can run here; on CI java is installed, so there a missing EPUBCheck fails instead of skipping. */
export function canCheckEpubs(): boolean {
  return hasJava() || Boolean(process.env.CI)
}

function hasJava(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' })
    return existsSync(epubcheckJar)
  } catch {
    return false
  }
}

/** A 1×1 red PNG: signature, IHDR, one IDAT row, IEND. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const head = Buffer.alloc(4)
    head.writeUInt32BE(data.length)
    const tail = Buffer.alloc(4)
    tail.writeUInt32BE(crc32(body))
    return Buffer.concat([head, body, tail])
  }
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]) // 1×1, 8-bit RGB
  const pixels = deflateSync(Buffer.from([0, 255, 0, 0])) // filter byte, then R G B
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))])
}

function xhtml(title: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en-US" xml:lang="en-US">
<head>
<meta charset="utf-8"/>
<title>${title}</title>
<link rel="stylesheet" href="../styles/brief.css"/>
</head>
<body>
${body}
</body>
</html>
`
}

const brief = `<section epub:type="bodymatter chapter" id="main" aria-labelledby="h-main" data-source-line="1">
<h1 id="h-main">Resetting ties</h1>
<p>Talks resumed on <time datetime="2025-04-07">7 April 2025</time>.<a epub:type="noteref" role="doc-noteref" href="#fn-1" id="fnref-1">1</a></p>
<figure id="fig-1" aria-labelledby="fig-1-caption"><img src="../images/dot.png" alt="A red dot"/><figcaption id="fig-1-caption">A dot</figcaption></figure>
<table><caption>Trade, 2024</caption><thead><tr><th scope="col">Year</th><th scope="col">Value</th></tr></thead>
<tbody><tr><th scope="row">2024</th><td>1</td></tr></tbody></table>
<p hidden="">Only for the web page.</p>
<aside epub:type="footnote" role="doc-footnote" id="fn-1"><p><a href="#fnref-1" role="doc-backlink">1.</a> Note text</p></aside>
</section>
<section epub:type="bibliography" role="doc-bibliography" id="references" aria-labelledby="h-references">
<h2 id="h-references">References</h2>
<ul><li id="ref-khan-2020">Khan, A. 2020. <cite>Borders</cite>.</li></ul>
</section>`

const css = `@font-face { font-family: "Source Serif 4"; src: url(../fonts/source-serif-4.woff2) format("woff2"); }
body { font-family: "Source Serif 4", serif; }
`

export function sampleBook(overrides: Partial<EpubBook> = {}): EpubBook {
  return {
    identifier: 'urn:uuid:1b4e28ba-2fa1-51d2-883f-0016d3cca427',
    title: 'Pakistan & Afghanistan: "Resetting" <Ties>',
    subtitle: 'A view from\u0001 Islamabad',
    authors: ['Amina Khan', 'Ali Raza'],
    date: '2025-04-07',
    publisher: 'Institute of Strategic Studies Islamabad',
    lang: 'en-US',
    subjects: ['Pakistan', 'Afghanistan'],
    description: 'Where the two neighbours stand.',
    modified: '2025-04-07T10:11:13Z',
    series: 'Issue Brief',
    documents: [
      { path: 'text/title.xhtml', id: 'title', content: xhtml('Title page', '<section epub:type="titlepage" id="titlepage"><h1>Resetting Ties</h1></section>') },
      { path: 'text/brief.xhtml', id: 'brief', content: xhtml('Resetting ties', brief) },
    ],
    toc: [
      { title: 'Title page', href: 'text/title.xhtml' },
      { title: 'Resetting ties', href: 'text/brief.xhtml', children: [{ title: 'References', href: 'text/brief.xhtml#references' }] },
    ],
    landmarks: [
      { type: 'titlepage', title: 'Title page', href: 'text/title.xhtml' },
      { type: 'bodymatter', title: 'Start of content', href: 'text/brief.xhtml#main' },
      { type: 'bibliography', title: 'References', href: 'text/brief.xhtml#references' },
    ],
    resources: [
      { path: 'styles/brief.css', id: 'css', mediaType: 'text/css', data: new TextEncoder().encode(css) },
      {
        path: 'fonts/source-serif-4.woff2',
        id: 'font-serif',
        mediaType: 'font/woff2',
        data: readFileSync(path.join(repo, 'node_modules/@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff2')),
      },
      { path: 'images/dot.png', id: 'dot', mediaType: 'image/png', data: tinyPng() },
    ],
    accessibility: {
      accessModes: ['textual', 'visual'],
      accessModesSufficient: [['textual'], ['textual', 'visual']],
      features: ['structuralNavigation', 'tableOfContents', 'alternativeText'],
      hazards: ['none'],
      summary: 'Headings, notes & references are marked up.',
    },
    ...overrides,
  }
}

/** `bytes` as book.epub in a new temporary folder. */
export function writeTemp(bytes: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'epub-package-')), 'book.epub')
  writeFileSync(file, bytes)
  return file
}
