/**
 * The browser session across many pages: nothing of a finished page stays attached to the
 * browser (a listener left behind kept every page's result, the whole PDF, for the session).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { BrowserSession } from '../src/render/browser.ts'

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
})
