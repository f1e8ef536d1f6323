/**
 * `brief site` in Chromium: a site built from generated briefs (several authors, keywords and
 * years, and the example brief), served from a listener on 127.0.0.1. No page asks for
 * anything outside the folder and every asset it asks for is there; a word only one brief's
 * body holds finds that brief, and an author's name finds that author's briefs; each kind of
 * page has no axe-core violation at 390 px and at 1280 px; the search page says it needs
 * JavaScript when it is off. In the long run: the browser's audits took about 12 CPU-s of
 * `npm test`, which keeps the site's files, links, feeds, citations and rebuilds
 * (test/site.test.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromeArgs, findChrome } from '../../src/render/print/browser.ts'
import { buildSite } from '../../src/site/site.ts'
import { seed } from '../helpers/cli.ts'
import { siteProject, uniqueWord, type SiteBriefSpec } from '../helpers/site.ts'

const axe = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'))
const baseUrl = 'https://www.issi.org.pk/briefs/'

describe('brief site, in Chromium', () => {
  let dir: string
  let site: string
  let briefs: SiteBriefSpec[]
  let server: Server
  let origin: string
  let browser: Browser

  beforeAll(async () => {
    ;({ dir, briefs } = siteProject(7, { example: true }))
    site = path.join(dir, 'site')
    expect((await buildSite({ cwd: dir, baseUrl })).ok).toBe(true)
    server = createServer((request, response) => {
      const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
      const file = path.join(site, name.endsWith('/') ? `${name}index.html` : name)
      if (!file.startsWith(site) || !existsSync(file) || !statSync(file).isFile()) {
        response.writeHead(404).end()
        return
      }
      const type = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.woff2': 'font/woff2', '.xml': 'application/xml', '.json': 'application/json' }[path.extname(file)]
      response.writeHead(200, type ? { 'content-type': type } : {}).end(readFileSync(file))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await puppeteer.launch({ executablePath: findChrome().path, args: chromeArgs, headless: true })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    server?.close()
  })

  /** A page of the site in Chromium, every request that leaves the folder refused and noted. */
  async function open<T>(page: string, work: (p: Page) => Promise<T>, options: { width?: number; javaScript?: boolean; bypassCsp?: boolean } = {}): Promise<{ result: T; outside: string[]; missing: string[] }> {
    const tab = await browser.newPage()
    const outside: string[] = []
    const missing: string[] = []
    try {
      await tab.setViewport({ width: options.width ?? 1280, height: 900 })
      // axe-core is put into the page as a script of its own, which the page's policy refuses.
      if (options.bypassCsp) await tab.setBypassCSP(true)
      if (options.javaScript === false) await tab.setJavaScriptEnabled(false)
      await tab.setRequestInterception(true)
      tab.on('request', (request) => {
        const url = request.url()
        if (url.startsWith(`${origin}/`) || url.startsWith('data:')) void request.continue()
        else {
          outside.push(url)
          void request.abort()
        }
      })
      tab.on('response', (response) => {
        if (response.status() >= 400) missing.push(response.url())
      })
      await tab.goto(`${origin}/${page}`, { waitUntil: 'load' })
      return { result: await work(tab), outside, missing }
    } finally {
      await tab.close()
    }
  }

  it('asks for nothing outside the folder, and finds everything it asks for, on every kind of page', async () => {
    const kinds = ['index.html', `briefs/${seed}.html`, `briefs/${briefs[1]!.slug}.html`, 'authors/index.html', 'authors/amina-khan.html', 'keywords/border-security.html', 'years/2025.html', 'search.html?q=border']
    for (const page of kinds) {
      const { outside, missing } = await open(page, async (tab) => tab.evaluate(() => document.fonts.ready.then(() => document.fonts.size)))
      expect({ page, outside, missing }).toEqual({ page, outside: [], missing: [] })
    }
  }, 60_000)

  it('finds the one brief whose body holds a word, and shows where it matched', async () => {
    const target = briefs[4]!
    const { result } = await open(`search.html?q=${uniqueWord(4)}`, (tab) =>
      tab.evaluate(() => ({
        status: document.getElementById('search-status')?.textContent,
        links: [...document.querySelectorAll('#results h2 a')].map((a) => a.getAttribute('href')),
        where: document.querySelector('#results .result-where')?.textContent,
        mark: document.querySelector('#results mark')?.textContent,
      })),
    )
    expect(result.links).toEqual([`briefs/${target.slug}.html`])
    expect(result.status).toBe(`1 brief found for “${uniqueWord(4)}”.`)
    expect(result.where).toBe('Matched in: text')
    expect(result.mark).toBe(uniqueWord(4))
    // An author's name finds that author's briefs, and says so.
    const byAuthor = await open('search.html?q=Sara%20Qureshi', (tab) => tab.evaluate(() => [...document.querySelectorAll('#results .result-where')].map((p) => p.textContent)))
    const expected = briefs.filter((b) => b.authors.includes('Sara Qureshi')).length
    expect(byAuthor.result.length).toBe(expected)
    expect(byAuthor.result.every((w) => w?.includes('authors'))).toBe(true)
  })

  it('says, without JavaScript, that the search needs it, and links the archive instead', async () => {
    const { result, outside } = await open('search.html?q=border', (tab) => tab.evaluate(() => document.getElementById('search-status')?.textContent), { javaScript: false })
    expect(result).toMatch(/^Searching needs JavaScript/)
    expect(outside).toEqual([])
  })

  const kinds: Array<[string, () => string]> = [
    ['the index', () => 'index.html'],
    ["a brief's page", () => `briefs/${seed}.html`],
    ["an author's page", () => 'authors/amina-khan.html'],
    ['the list of authors', () => 'authors/index.html'],
    ["a keyword's page", () => 'keywords/border-security.html'],
    ["a year's page", () => 'years/2025.html'],
    ['the search page, with results', () => 'search.html?q=border'],
  ]
  // One page load a kind: axe runs at 390 px, then again once the same page is 1280 px wide.
  for (const [kind, page] of kinds) {
    it(`has no accessibility violations at 390 px and at 1280 px: ${kind}`, async () => {
      const { result } = await open(
        page(),
        async (tab) => {
          await tab.addScriptTag({ path: axe })
          const violations: Record<number, string[]> = {}
          for (const width of [390, 1280]) {
            await tab.setViewport({ width, height: 900 })
            const run = (await tab.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }
            violations[width] = run.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)
          }
          return violations
        },
        { width: 390, bypassCsp: true },
      )
      expect(result).toEqual({ 390: [], 1280: [] })
    })
  }
})
