/**
 * A hostile brief: local files through img/iframe/object/embed/CSS, `../` and absolute paths,
 * remote images and stylesheets, scripts, event handlers, `javascript:` links. The PDF must
 * contain none of it, no request may reach the network (a listener on 127.0.0.1 counts them),
 * and every refused request is reported. (What failures leave behind, tried on real processes
 * killed or timed out, is in the long run: test/stress/failures.test.ts.)
 */
import { createServer, type Server } from 'node:http'
import { symlinkSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { pageTexts } from './helpers/pdf.ts'

const root = path.resolve(import.meta.dirname, '..')
// A 1×1 PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

// The outside image differs from the permitted one, so finding it in the output means a leak.
const secretPng = Buffer.concat([png, Buffer.from('TOPSECRET-IMAGE')])

function hostileBrief(dir: string, port: number): string {
  const folder = path.join(dir, 'hostile')
  mkdirSync(folder, { recursive: true })
  writeFileSync(path.join(dir, 'secret.txt'), 'TOPSECRET-OUTSIDE')
  writeFileSync(path.join(dir, 'secret.png'), secretPng)
  writeFileSync(path.join(folder, 'inside.png'), png)
  // A link inside the folder that points outside it.
  symlinkSync(path.join(dir, 'secret.png'), path.join(folder, 'linked.png'))
  const remote = `http://127.0.0.1:${port}`
  writeFileSync(
    path.join(folder, 'brief.md'),
    `---
title: Hostile brief
---

An image from outside the folder ![outside](../secret.png) and an absolute one ![abs](/etc/hostname).
A permitted one ![inside](inside.png), a linked one ![linked](linked.png) and a protocol-relative one ![proto](//127.0.0.1:${port}/proto.png).

<img src="file:///etc/passwd">

<iframe src="../secret.txt"></iframe>

<object data="../secret.txt"></object>

<embed src="../secret.txt">

<link rel="stylesheet" href="${remote}/style.css">

<style>@import url("${remote}/import.css"); body { background: url("${remote}/bg.png") }</style>

<span style="background-image: url(${remote}/span.png)">styled</span>

<script>document.body.textContent = 'PWNED-BY-SCRIPT'</script>

<img src="inside.png" onload="document.body.textContent='PWNED-BY-HANDLER'">

[a link](javascript:alert(1)) and <a href="javascript:alert(2)">another</a>

![remote](${remote}/remote.png)

<svg><script>document.title='PWNED-BY-SVG'</script></svg>

<div style="background: url(${remote}/div.png)">Plain text stays.</div>
`,
  )
  return folder
}

describe('a hostile brief', () => {
  let server: Server
  let port: number
  const requests: string[] = []
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(png)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('builds a PDF, web page, EPUB and DOCX with none of the hostile content, no network request, and each refusal reported', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brief-hostile-'))
    const folder = hostileBrief(dir, port)
    const report = await build({ paths: [folder], out: path.join(dir, 'out'), cwd: root, formats: ['pdf', 'html', 'epub', 'docx'] })
    const result = report.briefs[0]!
    expect(result.messages.filter((m) => m.fatal).map((m) => m.reason)).toEqual([])
    expect(result.ok).toBe(true)
    const text = pageTexts(path.join(dir, 'out', 'hostile.pdf')).join('\n')
    expect(text).toContain('Plain text stays.')
    expect(text).toContain('styled')
    for (const bad of ['PWNED', 'TOPSECRET', 'root:x:0']) expect(text).not.toContain(bad)
    expect(requests).toEqual([])
    const warnings = result.messages.map((m) => `${m.line}:${m.ruleId}:${m.reason}`)
    expect(warnings.some((w) => w.includes('outside-folder') && w.includes('../secret.png'))).toBe(true)
    expect(warnings.some((w) => w.includes('outside-folder') && w.includes('/etc/hostname'))).toBe(true)
    expect(warnings.some((w) => w.includes('outside-folder') && w.includes('linked.png'))).toBe(true)
    expect(readFileSync(path.join(dir, 'out', 'hostile.html'), 'utf8')).not.toContain(secretPng.toString('base64'))
    const html = readFileSync(path.join(dir, 'out', 'hostile.html'), 'utf8')
    const remoteLine = readFileSync(path.join(folder, 'brief.md'), 'utf8').split('\n').findIndex((l) => l.includes('/remote.png')) + 1
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^${remoteLine}:remote-image:Remote image \`http://127\\.0\\.0\\.1:\\d+/remote\\.png\` refused`)))
    // Each refusal is reported once, by the Markdown stage, whatever the number of outputs.
    expect(new Set(warnings).size).toBe(warnings.length)
    for (const bad of ['<script', '<iframe', '<object', '<embed', 'javascript:', 'onload', 'style="', `127.0.0.1:${port}/style.css`]) {
      expect(html, bad).not.toContain(bad)
    }
    // The EPUB is sealed the same way: nothing hostile, nothing outside the book.
    const book = unzipSync(readFileSync(path.join(dir, 'out', 'hostile.epub')))
    for (const [name, data] of Object.entries(book)) {
      const text = Buffer.from(data).toString('latin1')
      for (const bad of ['<script', '<iframe', '<object', '<embed', 'javascript:', 'onload', 'style="', '127.0.0.1', 'file:', 'TOPSECRET']) expect(text, `${name}: ${bad}`).not.toContain(bad)
    }
    // And the Word document: no outside image, no link to a script or a local file.
    const document = unzipSync(readFileSync(path.join(dir, 'out', 'hostile.docx')))
    for (const [name, data] of Object.entries(document)) {
      const text = Buffer.from(data).toString('latin1')
      for (const bad of ['javascript:', '127.0.0.1', 'file:', 'TOPSECRET', 'PWNED', '/etc/']) expect(text, `${name}: ${bad}`).not.toContain(bad)
    }
  })

  it('seals the web page: every outside or remote image is dropped, reported once where it is written, and opening the page makes no request', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brief-web-seal-'))
    const folder = path.join(dir, 'web')
    mkdirSync(folder)
    writeFileSync(path.join(folder, 'inside.png'), png)
    writeFileSync(path.join(dir, 'outside.png'), secretPng)
    const remote = `127.0.0.1:${port}`
    const lines = [
      '---',
      'title: Web page seal',
      '---',
      '',
      `A remote image ![remote](http://${remote}/remote.png) and a secure one ![secure](https://${remote}/secure.png).`,
      '',
      `A protocol-relative one ![proto](//${remote}/proto.png).`,
      '',
      `<img src="inside.png" srcset="http://${remote}/big.png 2x, ../outside.png 3x" alt="inside">`,
      '',
      `<picture><source srcset="file:///etc/hostname"><source srcset="http://${remote}/source.png"><img src="inside.png" alt="pictured"></picture>`,
      '',
      '<img src="file:///etc/passwd" alt="file">',
      '',
      '![outside](../outside.png)',
    ]
    writeFileSync(path.join(folder, 'brief.md'), lines.join('\n') + '\n')
    const report = await build({ paths: [folder], out: path.join(dir, 'out'), formats: ['html'], cwd: root })
    const result = report.briefs[0]!
    expect(result.ok, result.messages.map(String).join('\n')).toBe(true)
    const html = readFileSync(path.join(dir, 'out', 'web.html'), 'utf8')
    for (const bad of [remote, 'file:', '../outside.png', 'srcset', '<source', secretPng.toString('base64')]) expect(html, bad).not.toContain(bad)
    // Used twice, the image is inlined once and drawn from there at each use.
    expect(html.split(png.toString('base64')).length - 1).toBe(1)
    expect(html).toContain(`<image id="brief-image-1" href="data:image/png;base64,${png.toString('base64')}"`)
    const warnings = result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)
    // Each warning where its image is written (line:column of `![` or `<img`/`<source`).
    const at = (line: number, text: string, from = 0) => `${line}:${lines[line - 1]!.indexOf(text, from) + 1}`
    const expected = [
      `${at(5, '![remote]')} remote-image`,
      `${at(5, '![secure]')} remote-image`,
      `${at(7, '![proto]')} remote-image`,
      `${at(9, '<img')} srcset`,
      `${at(11, '<source')} srcset`,
      `${at(11, '<source', 20)} srcset`,
      `${at(13, '<img')} outside-folder`,
      `${at(15, '![outside]')} outside-folder`,
    ]
    expect(warnings.sort()).toEqual(expected.sort())

    // Opened in a browser, the page asks nothing of the listener.
    requests.length = 0
    const { BrowserSession } = await import('../src/render/print/browser.ts')
    const session = await BrowserSession.launch()
    try {
      await session.withPage(
        async (page) => {
          await page.goto(`file://${path.join(dir, 'out', 'web.html')}`, { waitUntil: 'networkidle0' })
        },
        { deadline: 30_000, label: 'web' },
      )
    } finally {
      await session.close()
    }
    expect(requests).toEqual([])
  })

  it('keeps remote images in the web page as links with --allow-remote', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brief-web-remote-'))
    const folder = path.join(dir, 'web')
    mkdirSync(folder)
    writeFileSync(path.join(folder, 'brief.md'), `---\ntitle: Remote on purpose\n---\n\n![remote](http://127.0.0.1:${port}/remote.png)\n`)
    const report = await build({ paths: [folder], out: path.join(dir, 'out'), formats: ['html'], cwd: root, allowRemote: true })
    expect(report.ok).toBe(true)
    expect(report.briefs[0]!.messages).toEqual([])
    expect(readFileSync(path.join(dir, 'out', 'web.html'), 'utf8')).toContain(`src="http://127.0.0.1:${port}/remote.png"`)
    // A Word document holds only the brief's own files: the remote image is left out, and said.
    const word = await build({ paths: [folder], out: path.join(dir, 'word'), formats: ['docx'], cwd: root, allowRemote: true })
    expect(word.briefs[0]!.messages.map((m) => [m.ruleId, m.reason])).toEqual([['remote-image', `Remote image \`http://127.0.0.1:${port}/remote.png\` is left out of the Word document, which holds only the brief's own files; save a copy in the brief's folder`]])
    expect(Object.keys(unzipSync(readFileSync(path.join(dir, 'word', 'web.docx')))).filter((n) => n.startsWith('word/media/'))).toEqual([])
    expect(requests).toEqual([])
  })

  it('lets remote images in with --allow-remote, and nothing else', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brief-remote-'))
    const folder = hostileBrief(dir, port)
    requests.length = 0
    const report = await build({ paths: [folder], out: path.join(dir, 'out'), formats: ['pdf'], cwd: root, allowRemote: true })
    expect(report.ok).toBe(true)
    expect(requests).toEqual(['/remote.png'])
  })
})
