/**
 * The browser lives here and nowhere else: finding Chromium, launching it with the flags this
 * kind of machine needs, running work under a deadline and an AbortSignal, and closing it on
 * every path (success, error, timeout, Ctrl-C). Chromium talks to us over a pipe, so it exits
 * when our process does, however that ends (even `kill -9`); its profile lives in a temporary
 * folder of ours, named with our process id, which the next run removes if we could not.
 */
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import path from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { BrowserError, CancelledError } from '../../errors.ts'
import { formatSeconds } from '../../brief/deadline.ts'

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

/**
 * Chromium's own network traffic, off: background services, component and safe-browsing
 * updates, metrics, DNS prefetching and, unless remote images are allowed, every host name
 * resolved to "not found" (so nothing can reach the network even by mistake).
 */
export const quietArgs = [
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--disable-client-side-phishing-detection',
  '--disable-domain-reliability',
  '--disable-component-extensions-with-background-pages',
  '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,CertificateTransparencyComponentUpdater,AutofillServerCommunication,InterestFeedContentSuggestions,NetworkTimeServiceQuerying,SafeBrowsingEnhancedProtection',
  '--dns-prefetch-disable',
  '--metrics-recording-only',
  '--no-pings',
  '--safebrowsing-disable-auto-update',
]
export const offlineArgs = ['--host-resolver-rules=MAP * ~NOTFOUND']

/**
 * The longest path a Unix socket may have, less its final NUL: 108 bytes on Linux, 104 on
 * macOS. Chromium makes its singleton socket in its TMPDIR (our scratch folder), at
 * `<scratch>/org.chromium.Chromium.XXXXXX/SingletonSocket`, and will not start at all when that
 * path is longer ("Socket path too long").
 */
const socketPathBytes = 103

/**
 * Where our temporary folders go: the system's temporary folder (TMPDIR), unless its path is so
 * long that Chromium's socket inside one of our folders would be too long for a socket (a
 * TMPDIR of more than about 30 characters: a nested one, or macOS's `/var/folders/…/T/`); then
 * /tmp, which every Unix has.
 */
export function scratchBase(): string {
  const base = tmpdir()
  if (process.platform === 'win32') return base
  const socket = path.join(base, `issi-briefs-${process.pid}-XXXXXX`, 'org.chromium.Chromium.XXXXXX', 'SingletonSocket')
  return Buffer.byteLength(socket) <= socketPathBytes ? base : '/tmp'
}

/** Our temporary folders start with this and our process id: `issi-briefs-<pid>-…`. */
export const scratchPrefix = (): string => path.join(scratchBase(), `issi-briefs-${process.pid}-`)

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes temporary folders of runs that were killed before they could (their process is gone),
 * from the folder ours go in now (`scratchBase`).
 */
export async function sweepLeftovers(dir = scratchBase()): Promise<string[]> {
  const removed: string[] = []
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = Number(/^issi-briefs-(\d+)-/.exec(name)?.[1])
    if (!pid || pid === process.pid || alive(pid)) continue
    await rm(path.join(dir, name), { recursive: true, force: true })
    removed.push(name)
  }
  return removed
}

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
  /** Let Chromium resolve host names (for remote images with --allow-remote; default: false). */
  network?: boolean
  /** Passed to Chromium's protocol; a page-level deadline is set per brief. */
  protocolTimeout?: number
}

/** One browser for a whole run. */
/** Starts Chromium with its profile in a new temporary folder of ours. */
async function start(executable: string, options: SessionOptions): Promise<{ browser: Browser; scratch: string }> {
  const scratch = await mkdtemp(scratchPrefix())
  // BRIEF_CHROME_ARGS adds flags for diagnosis, e.g. --log-net-log=FILE.
  const extra = (process.env.BRIEF_CHROME_ARGS ?? '').split(/\s+/).filter(Boolean)
  try {
    const browser = await puppeteer.launch({
      executablePath: executable,
      headless: true,
      args: [...chromeArgs, ...quietArgs, ...(options.network ? [] : offlineArgs), ...extra],
      userDataDir: path.join(scratch, 'profile'),
      // Chromium's own temporary files go in our folder too, so none outlives it, even killed.
      env: { ...process.env, TMPDIR: scratch },
      // A pipe instead of a WebSocket: Chromium exits when the pipe closes, i.e. with us.
      pipe: true,
      // We close the browser ourselves on signals, after the current file is safe.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      protocolTimeout: options.protocolTimeout ?? 180_000,
    })
    return { browser, scratch }
  } catch (error) {
    await rm(scratch, { recursive: true, force: true })
    throw new BrowserError(`Could not start ${executable}: ${(error as Error).message.split('\n')[0]}`, { hint: installHint, cause: error })
  }
}

export class BrowserSession {
  private closed = false
  /**
   * Pages whose work finished, kept for the next: a page reused keeps its renderer process,
   * with the paginator already compiled, instead of starting one per brief.
   */
  private idle: Page[] = []
  /** How many times the browser was started again after it stopped under us. */
  restarts = 0

  private constructor(
    private browser: Browser,
    readonly executable: string,
    /** The temporary folder holding the browser's profile, removed on close. */
    private scratch: string,
    private readonly options: SessionOptions,
  ) {}

  static async launch(options: SessionOptions = {}): Promise<BrowserSession> {
    const { path: executable, tried } = findChrome()
    if (!executable) throw new BrowserError(`No Chromium or Chrome found (looked in ${tried.join(', ')})`, { hint: installHint })
    options.signal?.throwIfAborted()
    await sweepLeftovers()
    const { browser, scratch } = await start(executable, options)
    const session = new BrowserSession(browser, executable, scratch, options)
    // Chromium opens with one blank page: the first brief uses it.
    session.idle = await browser.pages().catch(() => [])
    if (options.signal) {
      if (options.signal.aborted) await session.close()
      else options.signal.addEventListener('abort', () => void session.close(), { once: true })
    }
    return session
  }

  /** The restart under way, which every brief waiting for the browser shares. */
  private restarting?: Promise<void>

  /** A browser that crashed or was killed is replaced, so the rest of a batch goes on. */
  private async ensureRunning(): Promise<void> {
    if (this.browser.connected || this.closed) return
    this.restarting ??= (async () => {
      await this.stop()
      this.idle = []
      const { browser, scratch } = await start(this.executable, this.options)
      this.browser = browser
      this.scratch = scratch
      this.restarts++
    })().finally(() => (this.restarting = undefined))
    await this.restarting
  }

  /**
   * Runs `work` on a page under a deadline and the signal. A page whose work finished is kept
   * for the next work, which navigates it to its own document: `work` must take its listeners
   * away again, or the page is closed.
   * On timeout, abort or failure the page is closed, which makes pending browser calls fail
   * fast.
   */
  async withPage<T>(work: (page: Page) => Promise<T>, options: { deadline: number; signal?: AbortSignal; label: string; limit?: number }): Promise<T> {
    options.signal?.throwIfAborted()
    await this.ensureRunning()
    let browser = this.browser
    let page: Page
    try {
      page = await this.takePage(browser)
    } catch (error) {
      // Killed between the check above and the new page (a batch's browser killed between
      // two briefs): started again once; a second failure is this brief's browser error.
      if (browser.connected || this.closed) throw error
      await this.ensureRunning()
      browser = this.browser
      page = await this.takePage(browser).catch((again: unknown) => {
        throw new BrowserError(`${options.label}: the browser stopped before this brief could be laid out`, { hint: 'Build this brief again', cause: again })
      })
    }
    const listening = listeners(page)
    let timer: NodeJS.Timeout | undefined
    let onAbort: (() => void) | undefined
    let onGone: (() => void) | undefined
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BrowserError(`${options.label}: the browser did not finish within ${formatSeconds(options.limit ?? options.deadline)}${options.limit ? ' (the time for the whole brief)' : ''}`, {
        hint: 'A very long brief or a broken image may cause this; raise the limit with --timeout SECONDS',
      })), options.deadline)
      onAbort = () => reject(new CancelledError('Interrupted'))
      options.signal?.addEventListener('abort', onAbort, { once: true })
      // The browser crashing (or being killed) fails this brief at once, not at the deadline.
      onGone = () => reject(new BrowserError(`${options.label}: the browser stopped (it crashed or was killed) while laying out this brief`, {
        hint: 'The other briefs go on in a new browser; build this one again',
      }))
      // on, not once: Puppeteer's once() registers a wrapper that off(onGone) would not remove,
      // and it would keep this page's result (the whole PDF) alive for the session.
      browser.on('disconnected', onGone)
    })
    const running = work(page)
    // After a timeout the page is closed under the work, which then fails too: that failure is
    // expected, and left unhandled it would end the process before the browser is closed.
    running.catch(() => undefined)
    let finished = false
    try {
      const result = await Promise.race([running, stop])
      finished = true
      return result
    } finally {
      clearTimeout(timer)
      if (onAbort) options.signal?.removeEventListener('abort', onAbort)
      if (onGone) browser.off('disconnected', onGone)
      if (finished && !page.isClosed() && listeners(page) === listening && !this.closed) this.idle.push(page)
      else {
        const closing = page.close().catch(() => undefined)
        // A page stopped mid-work (timeout, Ctrl-C, a newer save in `brief watch`) can take
        // seconds to answer `close`: it closes in the background, and the browser's own close
        // ends it in any case. A page that finished is closed before the next one opens.
        if (finished) await within(closing, 5_000)
      }
    }
  }

  /**
   * An idle page, or a new one. A renderer does not collect the documents it showed before
   * until its memory runs short (a batch of small briefs grew it by 17 MB a brief), so a page
   * that holds more than `pageMemoryLimit` is closed instead, which frees it all at once.
   */
  private async takePage(browser: Browser): Promise<Page> {
    for (let page = this.idle.pop(); page; page = this.idle.pop()) {
      // A renderer that does not answer in time is not used again either.
      if (((await within(heldMemory(page), 2_000)) ?? Infinity) < pageMemoryLimit) return page
      void page.close().catch(() => undefined)
    }
    return browser.newPage()
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.stop()
  }

  /** Closes the browser (killing it if it does not close in time) and removes its profile. */
  private async stop(): Promise<void> {
    const process = this.browser.process()
    const closed = await within(this.browser.close().then(() => true, () => false), 5_000)
    // A browser that does not close in time, or fails to, is killed: none may be left behind.
    if (!closed && process && process.exitCode === null) process.kill('SIGKILL')
    await rm(this.scratch, { recursive: true, force: true, maxRetries: 3 })
  }
}

/** Past this, a page is not used again (see takePage). */
const pageMemoryLimit = 80 * 2 ** 20

/** Bytes the page's renderer holds on its JavaScript and DOM heaps (Infinity if it cannot say). */
async function heldMemory(page: Page): Promise<number> {
  try {
    const cdp = await page.createCDPSession()
    try {
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number }
      return usage.usedSize + (usage.embedderHeapUsedSize ?? 0)
    } finally {
      await cdp.detach().catch(() => undefined)
    }
  } catch {
    return Infinity
  }
}

/**
 * The page's listeners for the events a work listens to, as one string: the same before and
 * after a work that took its own away (Puppeteer keeps one of its own on 'request').
 */
function listeners(page: Page): string {
  return (['request', 'response', 'console', 'pageerror', 'dialog', 'load'] as const).map((event) => page.listenerCount(event)).join()
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
