/**
 * `brief watch` end to end, as an author uses it: the real command in its own process, a real
 * browser on its pages, and files saved under it. In the long run: the command's process, its
 * browser and the saves' real waits took 9 CPU-s of `npm test`; test/preview.test.ts tries the
 * preview in this process there.
 */
import type { ChildProcess } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromeArgs, findChrome } from '../../src/render/print/browser.ts'
import { repo } from '../helpers/cli.ts'
import { startWatch } from '../helpers/watch.ts'

const slug = '2025-04-07-pakistan-afghanistan-resetting-ties'
const root = mkdtempSync(path.join(tmpdir(), 'brief-watch-'))
const folder = path.join(root, 'briefs', slug)
const briefFile = path.join(folder, 'brief.md')
const sources = path.join(folder, 'references.json')
const original = readFileSync(path.join(repo, 'briefs', slug, 'brief.md'), 'utf8')

let child: ChildProcess
let stderr: () => string
let base = ''
let browser: Browser
let page: Page

/** Saves a file the way an editor does: a new file renamed over the old one. */
function save(file: string, text: string): void {
  writeFileSync(`${file}.tmp-save`, text)
  execFileSync('mv', [`${file}.tmp-save`, file])
}

async function state(): Promise<Record<string, { version: number; building: boolean; output: boolean; messages: Array<{ where: string; message: string; severity: string }> }>> {
  return (await fetch(`${base}__brief/state`)).json()
}

/** Waits until the print view has caught up with the latest save. */
async function printed(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const s = await state()
    if (!s.print!.building && !s.web!.building && s.web!.output) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the print never finished')
}

function rawGet(pathname: string, headers: Record<string, string>, method = 'GET'): Promise<number> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path: pathname, method, headers }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  cpSync(path.join(repo, 'briefs', slug), folder, { recursive: true })
  copyFileSync(path.join(repo, 'brief.config.yaml'), path.join(root, 'brief.config.yaml'))
  ;({ child, base, stderr } = await startWatch(root, [`briefs/${slug}`]))
  browser = await puppeteer.launch({ executablePath: findChrome().path, headless: true, args: chromeArgs })
  page = await browser.newPage()
  await printed()
}, 60_000)

afterAll(async () => {
  if (process.env.WATCH_DEBUG) console.log(stderr())
  await browser?.close()
  if (child && child.exitCode === null) child.kill('SIGKILL')
  rmSync(root, { recursive: true, force: true })
})

describe('brief watch', () => {
  it('serves the web page with its nine notes, the print and the e-book', async () => {
    await page.goto(base)
    await page.waitForSelector('main')
    expect(await page.$$eval('section.footnotes li, .notes li, ol li[id^="fn"]', (items) => items.length)).toBeGreaterThanOrEqual(9)
    await printed()
    const pdf = Buffer.from(await (await fetch(`${base}print.pdf`)).arrayBuffer())
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const epubPage = await (await fetch(`${base}epub`)).text()
    expect(epubPage).toContain(`/epub/${slug}.epub`)
    const text = await (await fetch(`${base}epub/book/OEBPS/text/brief.xhtml`)).text()
    expect(text).toContain('Ambassador Muhammad Sadiq')
    const book = await fetch(`${base}epub/${slug}.epub`)
    expect(book.headers.get('content-type')).toBe('application/epub+zip')
  }, 60_000)

  it('shows a saved edit in the open page by itself, within a second or two', async () => {
    await page.goto(base)
    const started = Date.now()
    save(briefFile, original.replace('embarked on a three-day visit', 'embarked on a quokka-watching visit'))
    await page.waitForFunction(() => document.body.innerText.includes('quokka-watching'), { timeout: 5_000 })
    expect(Date.now() - started).toBeLessThan(3_000)
    await printed()
    const pdf = Buffer.from(await (await fetch(`${base}print.pdf`)).arrayBuffer())
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString()
    expect(text).toContain('quokka-watching')
  }, 30_000)

  it('shows a changed source in the notes on the next save of the bibliography', async () => {
    await page.goto(base)
    const data = readFileSync(sources, 'utf8')
    const first = (JSON.parse(data) as Array<{ title?: string }>).find((s) => s.title)!.title!
    save(sources, data.replace(JSON.stringify(first), JSON.stringify('A Retitled Source For The Preview')))
    await page.waitForFunction(() => document.body.innerText.includes('A Retitled Source For The Preview'), { timeout: 5_000 })
    save(sources, data)
    await page.waitForFunction((t) => document.body.innerText.includes(t), { timeout: 5_000 }, first)
  }, 30_000)

  it('shows broken front matter as a positioned error over the last good page, and recovers', async () => {
    await printed()
    await page.goto(base)
    save(briefFile, original.replace(/^title: (.*)$/m, 'title: [$1').replace('embarked on a three-day visit', 'embarked on a quokka-watching visit'))
    // A function, not a selector: the page may reload itself while it waits, and a found node's handle would not outlive that.
    const bar = String(await (await page.waitForFunction(() => document.querySelector('#brief-preview-bar li.error') && (document.querySelector('#brief-preview-bar') as HTMLElement).innerText, { timeout: 5_000 })).jsonValue())
    // `title: [` opens a YAML list that is never closed: said in words, at the `[`.
    expect(bar).toMatch(new RegExp(`briefs/${slug}/brief\\.md:2:8\\s+error\\s+The value of \`title\` starts with \`\\[\``))
    expect(bar).toContain('showing the last good build')
    // The last good page is still there under the errors.
    await page.waitForFunction(() => document.body.innerText.includes('quokka-watching'), { timeout: 5_000 })
    const print = await state()
    expect(print.print!.messages[0]?.message).toMatch(/never closed with `\]`/)
    expect(stderr()).toMatch(/brief\.md:2:8 {2}error {2}The value of `title` starts with `\[`/)

    save(briefFile, original)
    await page.waitForFunction(() => !document.querySelector('#brief-preview-bar li.error') && document.body.innerText.includes('three-day visit'), { timeout: 5_000 })
  }, 30_000)

  it('survives a deleted brief and a broken configuration, and rebuilds when they are fixed', async () => {
    await printed()
    await page.goto(base)
    rmSync(briefFile)
    await page.waitForFunction(() => document.querySelector('#brief-preview-bar li.error')?.textContent?.includes('Cannot read the brief'), { timeout: 5_000 })
    save(briefFile, original)
    await page.waitForFunction(() => !document.querySelector('#brief-preview-bar li.error'), { timeout: 5_000 })

    const config = path.join(root, 'brief.config.yaml')
    const good = readFileSync(config, 'utf8')
    save(config, good + 'colour: green\n')
    await page.waitForFunction(() => /brief\.config\.yaml:\d+:\d+/.test(document.querySelector('#brief-preview-bar li.error')?.textContent ?? ''), { timeout: 5_000 })
    save(config, good.replace('Institute of Strategic Studies Islamabad', 'Institute of Preview Studies'))
    await page.waitForFunction(() => !document.querySelector('#brief-preview-bar li.error') && document.body.innerText.toUpperCase().includes('INSTITUTE OF PREVIEW STUDIES'), { timeout: 5_000 })
    save(config, good)
    await printed()
  }, 30_000)

  it('answers only local, read-only requests for what it holds', async () => {
    const port = new URL(base).port
    expect(await rawGet('/', { Host: `127.0.0.1:${port}` })).toBe(200)
    expect(await rawGet('/', { Host: `localhost:${port}` })).toBe(200)
    expect(await rawGet('/', { Host: 'attacker.example' })).toBe(403)
    expect(await rawGet('/', { Host: `127.0.0.1:${port}` }, 'POST')).toBe(405)
    expect(await rawGet('/brief.md', { Host: `127.0.0.1:${port}` })).toBe(404)
    expect(await rawGet('/epub/book/../../brief.md', { Host: `127.0.0.1:${port}` })).toBe(404)
    const web = await fetch(base)
    expect(web.headers.get('content-security-policy')).toContain("script-src 'self'")
  })

  it('answers at once while a save takes seconds to parse, and drops that parse for the next save', async () => {
    // Within the limits, but seconds of parsing: runs of fenced divs 90 deep.
    const slow = ('::: note\n'.repeat(90) + 'x\n' + ':::\n'.repeat(90) + '\n').repeat(600)
    save(briefFile, original.replace('embarked on a three-day visit', 'embarked on a slow visit') + '\n' + slow)
    await new Promise((r) => setTimeout(r, 1_500)) // the parse is under way
    for (let i = 0; i < 5; i++) {
      const asked = performance.now()
      expect((await state()).web!.building).toBe(true)
      expect(performance.now() - asked).toBeLessThan(1_000)
    }
    const started = Date.now()
    save(briefFile, original.replace('embarked on a three-day visit', 'embarked on a brisk visit'))
    await page.goto(base)
    await page.waitForFunction(() => document.body.innerText.includes('brisk visit'), { timeout: 10_000 })
    expect(Date.now() - started).toBeLessThan(5_000)
    await printed()
  }, 60_000)

  it('stops cleanly on Ctrl-C and frees its port', async () => {
    const port = Number(new URL(base).port)
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(stderr()).toContain('Stopped.')
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer()
      probe.once('error', () => resolve(false))
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
    })
    expect(free).toBe(true)
  }, 20_000)
})
