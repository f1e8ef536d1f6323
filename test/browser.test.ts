/**
 * The browser session across many pages: nothing of a finished page stays attached to the
 * browser (a listener left behind kept every page's result, the whole PDF, for the session);
 * a page is reused only when its work finished and left it clean, and a reused page serves
 * nothing from an earlier brief that the next brief may not read. (A browser killed between
 * the check and the new page, and started again, is in the long run:
 * test/stress/failures.test.ts.)
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { HTTPRequest, Page } from 'puppeteer-core'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { BrowserSession, scratchBase } from '../src/render/print/browser.ts'
import { withEnv } from './helpers/env.ts'

// A 1×1 PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

describe('a browser session', () => {
  let session: BrowserSession | undefined
  afterAll(() => session?.close())

  it('leaves no listener behind on the browser after each page', async () => {
    session = await BrowserSession.launch()
    const browser = (session as unknown as { browser: { listenerCount(event: string): number } }).browser
    const before = browser.listenerCount('disconnected')
    for (let i = 0; i < 5; i++) {
      const bytes = await session.withPage(async (page) => {
        await page.setContent(`<p>page ${i}</p>`)
        return page.pdf()
      }, { deadline: 30_000, label: `page ${i}` })
      expect(bytes.length).toBeGreaterThan(0)
    }
    expect(browser.listenerCount('disconnected')).toBe(before)
  })

  it('reuses a page whose work finished and left it clean, and closes one that failed or kept a listener', async () => {
    session ??= await BrowserSession.launch()
    const options = { deadline: 30_000, label: 'page' }
    const pages: Page[] = []
    await session.withPage(async (page) => void pages.push(page), options)
    await session.withPage(async (page) => void pages.push(page), options)
    expect(pages[1]).toBe(pages[0])
    await expect(session.withPage(async (page) => {
      pages.push(page)
      throw new Error('the work failed')
    }, options)).rejects.toThrow('the work failed')
    expect(pages[2]).toBe(pages[0])
    // A page whose work failed closes in the background, and is never handed out again.
    await vi.waitFor(() => expect(pages[2]!.isClosed()).toBe(true))
    await session.withPage(async (page) => {
      pages.push(page)
      page.on('console', () => undefined)
    }, options)
    expect(pages[3]).not.toBe(pages[2])
    expect(pages[3]!.isClosed()).toBe(true)
    await session.withPage(async (page) => void pages.push(page), options)
    expect(pages[4]!.isClosed()).toBe(false)
  })

  it('does not use a page again once it holds much memory, and closes it', async () => {
    session ??= await BrowserSession.launch()
    const options = { deadline: 30_000, label: 'page' }
    const pages: Page[] = []
    // What a renderer keeps of the documents it showed, made at once: about 100 MB held.
    await session.withPage(async (page) => {
      pages.push(page)
      await page.evaluate('window.kept = Array.from({ length: 12e6 }, (_, i) => i + 0.5); null')
    }, options)
    await session.withPage(async (page) => void pages.push(page), options)
    expect(pages[1]).not.toBe(pages[0])
    await vi.waitFor(() => expect(pages[0]!.isClosed()).toBe(true))
  })

  it('does not let a reused page show a file the next work refuses, though the last one loaded it', async () => {
    session ??= await BrowserSession.launch()
    const dir = mkdtempSync(path.join(tmpdir(), 'brief-reuse-'))
    const image = path.join(dir, 'image.png')
    writeFileSync(image, png)
    writeFileSync(path.join(dir, 'page.html'), '<img src="image.png">')
    const url = pathToFileURL(path.join(dir, 'page.html')).href
    // What paginate does: intercept, decide, leave the page as it came.
    const open = (allowImage: boolean) => session!.withPage(async (page) => {
      const seen: string[] = []
      const judge = (request: HTTPRequest) => {
        seen.push(request.url())
        if (allowImage || !request.url().endsWith('.png')) void request.continue()
        else void request.abort('blockedbyclient')
      }
      page.on('request', judge)
      await page.setRequestInterception(true)
      try {
        await page.goto(url, { waitUntil: 'load' })
        const width = (await page.evaluate('document.images[0].naturalWidth')) as number
        await page.setRequestInterception(false)
        return { width, seen }
      } finally {
        page.off('request', judge)
      }
    }, { deadline: 30_000, label: 'page' })
    expect(await open(true)).toEqual({ width: 1, seen: [url, pathToFileURL(image).href] })
    // The same page, the same image: asked for again, refused, not drawn from a cache.
    expect(await open(false)).toEqual({ width: 0, seen: [url, pathToFileURL(image).href] })
  })

})

describe('a long TMPDIR', () => {
  // Chromium will not start when the path of its socket, in our temporary folder, is longer
  // than a socket's path may be; a TMPDIR of 60 characters made every PDF build fail.
  const long = mkdtempSync(path.join(tmpdir(), `brief-long-tmpdir-${'x'.repeat(40)}-`))
  const withTmp = <T>(dir: string, work: () => Promise<T>): Promise<T> => withEnv({ TMPDIR: dir }, work)

  it('puts our folders in /tmp when Chromium’s socket would not fit under TMPDIR, and in TMPDIR when it would', async () => {
    expect(await withTmp(long, async () => scratchBase())).toBe('/tmp')
    expect(await withTmp('/tmp', async () => scratchBase())).toBe('/tmp')
    const short = mkdtempSync('/tmp/b-')
    try {
      expect(await withTmp(short, async () => scratchBase())).toBe(short)
    } finally {
      rmSync(short, { recursive: true })
    }
  })

  it('still starts the browser, prints, and leaves no folder of ours behind', async () => {
    const pdf = await withTmp(long, async () => {
      const session = await BrowserSession.launch()
      try {
        return await session.withPage(async (page) => {
          await page.setContent('<p>long TMPDIR</p>')
          return page.pdf()
        }, { deadline: 30_000, label: 'long TMPDIR' })
      } finally {
        await session.close()
      }
    })
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')
    expect(readdirSync('/tmp').filter((name) => name.startsWith(`issi-briefs-${process.pid}-`))).toEqual([])
  })
})
