/**
 * The browser lives here and nowhere else: finding Chromium, launching it with the flags this
 * kind of machine needs, running work under a deadline and an AbortSignal, and closing it on
 * every path (success, error, timeout, Ctrl-C).
 */
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { BrowserError, CancelledError } from '../errors.ts'

/** Flags for headless Chromium as root on a machine without a network or a GPU. */
export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  '--hide-scrollbars',
  '--mute-audio',
]

const systemCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]

/** Chrome that Puppeteer downloaded itself (`npx puppeteer browsers install chrome`), newest first. */
function puppeteerDownloads(): string[] {
  const cache = process.env.PUPPETEER_CACHE_DIR ?? path.join(homedir(), '.cache', 'puppeteer')
  const found: string[] = []
  for (const product of ['chrome', 'chrome-headless-shell']) {
    const dir = path.join(cache, product)
    if (!existsSync(dir)) continue
    for (const version of readdirSync(dir).sort().reverse()) {
      for (const binary of ['chrome-linux64/chrome', 'chrome-headless-shell-linux64/chrome-headless-shell']) {
        found.push(path.join(dir, version, binary))
      }
    }
  }
  return found
}

export interface ChromeLookup {
  path?: string
  /** Where we looked, for the error message. */
  tried: string[]
}

/** BRIEF_CHROME, then PUPPETEER_EXECUTABLE_PATH, then system Chromium/Chrome, then Puppeteer's own download. */
export function findChrome(env: NodeJS.ProcessEnv = process.env): ChromeLookup {
  const tried: string[] = []
  for (const name of ['BRIEF_CHROME', 'PUPPETEER_EXECUTABLE_PATH'] as const) {
    const value = env[name]
    if (!value) continue
    tried.push(`${name}=${value}`)
    if (existsSync(value)) return { path: value, tried }
    throw new BrowserError(`${name} points to ${value}, which does not exist`, { hint: `Set ${name} to the path of a Chromium or Chrome executable, or unset it` })
  }
  for (const candidate of [...systemCandidates, ...puppeteerDownloads()]) {
    tried.push(candidate)
    if (existsSync(candidate)) return { path: candidate, tried }
  }
  return { tried }
}

export const installHint =
  'Install Chromium: `sudo apt-get install -y chromium` (Debian/Ubuntu), or set BRIEF_CHROME to a Chrome or Chromium executable'

export interface SessionOptions {
  signal?: AbortSignal
  /** Passed to Chromium's protocol; a page-level deadline is set per brief. */
  protocolTimeout?: number
}

/** One browser for a whole run. */
export class BrowserSession {
  private closed = false

  private constructor(
    private readonly browser: Browser,
    readonly executable: string,
  ) {}

  static async launch(options: SessionOptions = {}): Promise<BrowserSession> {
    const { path: executable, tried } = findChrome()
    if (!executable) throw new BrowserError(`No Chromium or Chrome found (looked in ${tried.join(', ')})`, { hint: installHint })
    options.signal?.throwIfAborted()
    let browser: Browser
    try {
      browser = await puppeteer.launch({
        executablePath: executable,
        headless: true,
        args: chromeArgs,
        // We close the browser ourselves on signals, after the current file is safe.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        protocolTimeout: options.protocolTimeout ?? 180_000,
      })
    } catch (error) {
      throw new BrowserError(`Could not start ${executable}: ${(error as Error).message.split('\n')[0]}`, { hint: installHint, cause: error })
    }
    const session = new BrowserSession(browser, executable)
    if (options.signal) {
      if (options.signal.aborted) await session.close()
      else options.signal.addEventListener('abort', () => void session.close(), { once: true })
    }
    return session
  }

  /**
   * Runs `work` on a fresh page that is closed afterwards, under a deadline and the signal.
   * On timeout or abort the page is closed, which makes pending browser calls fail fast.
   */
  async withPage<T>(work: (page: Page) => Promise<T>, options: { deadline: number; signal?: AbortSignal; label: string }): Promise<T> {
    options.signal?.throwIfAborted()
    const page = await this.browser.newPage()
    let timer: NodeJS.Timeout | undefined
    let onAbort: (() => void) | undefined
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BrowserError(`${options.label}: the browser did not finish within ${Math.round(options.deadline / 1000)} s`, {
        hint: 'A very long brief or a broken image may cause this; raise the limit with --timeout SECONDS',
      })), options.deadline)
      onAbort = () => reject(new CancelledError('Interrupted'))
      options.signal?.addEventListener('abort', onAbort, { once: true })
    })
    const running = work(page)
    // After a timeout the page is closed under the work, which then fails too: that failure is
    // expected, and left unhandled it would end the process before the browser is closed.
    running.catch(() => undefined)
    try {
      return await Promise.race([running, stop])
    } finally {
      clearTimeout(timer)
      if (onAbort) options.signal?.removeEventListener('abort', onAbort)
      // A page stopped mid-work may never answer `close`; don't wait on it for long.
      await within(page.close().catch(() => undefined), 5_000)
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const process = this.browser.process()
    const closed = await within(this.browser.close().then(() => true, () => false), 5_000)
    // A browser that does not close in time, or fails to, is killed: none may be left behind.
    if (!closed && process && process.exitCode === null) process.kill('SIGKILL')
  }
}

/** `promise`'s value, or undefined once `ms` have passed without one. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}
