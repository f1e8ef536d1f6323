/**
 * The print PDF: the brief's print HTML is laid out in Chromium by our one-pass paginator
 * (in-page/one-pass.js; the design is in docs/performance.md), checked (every note on the page
 * of its call, once, whole), printed natively, tagged with bookmarks, and given its document
 * metadata.
 *
 * The page is sealed: it may read only the brief's folder, the toolkit's fonts and its own
 * temporary copy; every other request is refused and reported. The only scripts that run are
 * our in-page scripts (readings, paginator, soft-hyphen settling), injected from this package.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { toHtml } from 'hast-util-to-html'
import type { Root } from 'mdast'
import type { ConsoleMessage, HTTPRequest, Page } from 'puppeteer-core'
import type { VFile } from 'vfile'
import { insideFolder } from '../../brief/paths.ts'
import { BrowserError } from '../../errors.ts'
import { placeAt } from '../../text/points.ts'
import { createTail, type Tail } from '../../pipeline/processor.ts'
import { addTime, timed } from '../../brief/timings.ts'
import type { Resource } from '../../brief/resource.ts'
import { generator } from '../../version.ts'
import { runTail } from '../shared/tail.ts'
import { scratchPrefix, type BrowserSession } from './browser.ts'
import { fontFaceCss, fontFolders } from '../shared/fonts.ts'
import { checkLayout, reportLayoutProblems, reportPageHoles, type LayoutReading, type NoteSnapshot } from './layout-check.ts'
import { setPdfMetadata } from './pdf-metadata.ts'
import { issuedDate, modifiedDate } from '../shared/packaging.ts'
import { outputCss } from '../shared/stylesheet.ts'
import { toolkitPath, toolkitUrl } from '../../toolkit.ts'
import { defaultTimeout } from '../../brief/deadline.ts'
import { rule } from '../../rules.ts'

const inPage = (name: string) => toolkitPath('src', 'render', 'print', 'in-page', name)
const readingsScript = inPage('readings.js')
const softHyphensScript = inPage('soft-hyphens.js')
// BRIEF_PAGINATOR=FILE lays the page out with another script (to try a change; also how the
// tests make the paginator fail or stall).
const paginator = () => process.env.BRIEF_PAGINATOR || inPage('one-pass.js')

export const printStylesheet = toolkitUrl('styles', 'print.css')

export interface PdfOptions {
  /** Milliseconds one brief may take in the browser (default: 60 s). */
  timeout?: number
  /** Let remote images load (default: false: every network request is refused). */
  allowRemote?: boolean
  /** Report misplaced notes as warnings instead of errors (default: false). */
  allowMisplacedNotes?: boolean
  /** Cancels every print; a `render` call's own signal takes its place (default: none). */
  signal?: AbortSignal
}

export interface BlockedRequest {
  url: string
  kind: string
}

/** Images are read by the page from the brief's folder; remote ones only with --allow-remote. */
function embedFile(resource: Resource): string | undefined {
  if (resource.kind === 'local') return pathToFileURL(resource.path).href
  return resource.kind === 'remote' ? resource.url : undefined
}

/**
 * Every face the page uses, loaded: the layout measures text, so none may arrive later. The
 * whole brief, notes included, is in the page's flow, so laying it out asks for every face its
 * text uses, and `fonts.ready` waits for those. Faces the brief never uses are not loaded (on
 * L, loading all twelve declared faces took 0.12–0.25 s; it uses five).
 */
const fontsLoaded = 'void document.body.offsetHeight; document.fonts.ready.then(() => null)'

export class PdfRenderer {
  private constructor(
    private readonly tails: { hyphenated: Tail; plain: Tail },
    private readonly session: BrowserSession,
    private readonly options: PdfOptions,
  ) {}

  static async create(session: BrowserSession, options: PdfOptions = {}): Promise<PdfRenderer> {
    const css = await outputCss(fontFaceCss('file'), printStylesheet)
    const tail = (hyphenate: boolean) => createTail({ notes: 'print', embed: embedFile, hyphenate, document: { css, generator } })
    return new PdfRenderer({ hyphenated: tail(true), plain: tail(false) }, session, options)
  }

  /**
   * The page the paginator lays out, as HTML: notes inline at their calls, hyphenated, fonts
   * and images as file: URLs. For comparisons (the benchmark prints it with other tools).
   */
  async printPage(tree: Root, file: VFile): Promise<string> {
    return toHtml(await runTail(this.tails.hyphenated, tree, file))
  }

  /** Prints a brief the Markdown stage has made into `tree`; undefined when it has errors (they are messages on `file`). */
  async render(tree: Root, file: VFile, folder: string, signal = this.options.signal): Promise<Uint8Array | undefined> {
    const source = String(file)
    const meta = file.data.meta!

    // The page is a temporary file; it may read only that folder, the brief's and the fonts'.
    const scratch = await mkdtemp(scratchPrefix())
    const page = path.join(scratch, 'print.html')
    const allowed = [folder, scratch, ...fontFolders()]
    const attempt = async (tail: Tail) => {
      await timed(file, 'print page', async () => writeFile(page, toHtml(await runTail(tail, tree, file))))
      const blocked: BlockedRequest[] = []
      const logged: string[] = []
      const result = await this.session
        .withPage((tab) => this.paginate(tab, page, allowed, blocked, logged, (stage, ms) => addTime(file, stage, ms)), {
          // In a build, the browser has what is left of the brief's time (src/brief/deadline.ts).
          deadline: file.data.deadline ? Math.max(1, file.data.deadline.remaining()) : (this.options.timeout ?? defaultTimeout),
          limit: file.data.deadline?.ms ?? this.options.timeout ?? defaultTimeout,
          signal,
          label: path.basename(path.dirname(file.path)),
        })
        .catch((error: unknown) => {
          // A layout that stalls after the page logged an error: the error is the likely why.
          if (error instanceof BrowserError && logged.length) throw new BrowserError(`${error.message}; the page logged: ${logged.at(-1)}`, { hint: error.hint, cause: error })
          throw error
        })
      // Errors the page logged but survived are said.
      for (const text of new Set(logged)) file.message(`The page logged an error while laying out: ${text}`, { ruleId: rule('browser'), source: 'layout' })
      return { result, blocked, problems: checkLayout(result.before, result.after) }
    }
    try {
      let { result, blocked, problems } = await attempt(this.tails.hyphenated)
      // A page break inside a word, at a soft hyphen, is where a paginator can lose text (Paged.js
      // did). When the check finds lost text, the brief is laid out once more without hyphenation.
      if (problems.some((p) => !p.note)) {
        const second = await attempt(this.tails.plain)
        if (!second.problems.some((p) => !p.note)) {
          ;({ result, blocked, problems } = second)
          file.message('Printed without hyphenation: with it, the paginator lost text at a page break', {
            ruleId: rule('hyphenation-off'),
            source: 'layout',
          })
        }
      }
      reportBlocked(file, source, blocked)
      reportLayoutProblems(file, problems, this.options.allowMisplacedNotes ?? false)
      file.data.layout = { pages: result.after.pages, splitParagraphs: result.after.splits }
      for (const { page, kind, line } of result.after.lonely) {
        const where = kind === 'orphan' ? 'at the foot of' : 'at the head of'
        file.message(`A single line of a paragraph is left ${where} page ${page} (${kind}); the paginator could not avoid it: rewording the paragraph or the one before it moves the break`, {
          place: line ? { line, column: 1 } : undefined,
          ruleId: kind,
          source: 'layout',
        })
      }
      for (const { page, line } of result.after.stretched ?? []) {
        file.message(`The last line on page ${page} is stretched: a paragraph runs on to the next page with few words on its line; rewording it moves the break`, {
          place: line ? { line, column: 1 } : undefined,
          ruleId: rule('stretched-line'),
          source: 'layout',
        })
      }
      reportPageHoles(file, result.after.ends)
      for (const { page, text } of result.after.stranded) {
        const at = source.indexOf(text)
        file.message(`Heading "${text}" is stranded at the foot of page ${page}`, {
          place: at >= 0 ? placeAt(source, at) : undefined,
          ruleId: rule('stranded-heading'),
          source: 'layout',
        })
      }
      if (file.messages.some((m) => m.fatal)) return undefined
      // Its own stage in --timings: counted in 'print' it hid 0.8 s of L's 1.5 s (pdf-lib's rewrite).
      return await timed(file, 'print metadata', () => setPdfMetadata(result.pdf, {
        title: meta.title,
        authors: meta.authors.map((a) => a.name),
        subject: file.data.titleBlock!.series,
        keywords: meta.keywords,
        creator: generator,
        lang: meta.lang,
        created: issuedDate(meta),
        modified: modifiedDate(meta),
        headings: result.headings,
      }))
    } finally {
      await rm(scratch, { recursive: true, force: true })
    }
  }

  private async paginate(
    tab: Page,
    file: string,
    allowed: string[],
    blocked: BlockedRequest[],
    logged: string[],
    time: (stage: string, ms: number) => void,
  ): Promise<{ pdf: Uint8Array; before: NoteSnapshot; after: LayoutReading; headings: string[] }> {
    // A script error in the page (the paginator's or our in-page code's) fails the brief at once,
    // with its message, instead of leaving it to the deadline.
    let failed: (error: unknown) => void = () => undefined
    const pageFailed = new Promise<never>((_, reject) => (failed = reject))
    pageFailed.catch(() => undefined)
    const onError = (error: unknown) => {
      // Chromium words an error from a script file "Uncaught Error: …": the message is enough.
      const message = (error instanceof Error ? error.message : String(error)).replace(/^Uncaught (Error: )?/, '')
      failed(new BrowserError(`The paginator stopped with an error in the page: ${message.split('\n')[0]}`, {
        hint: 'This is a fault in the layout code, not in the brief: please report it with the brief (a longer --timeout will not help)',
      }))
    }
    const onConsole = (message: ConsoleMessage) => {
      // Requests we refuse are logged by Chromium as failed loads; they are reported as such.
      if (message.type() === 'error' && !/ERR_BLOCKED_BY_CLIENT|Failed to load resource/.test(message.text())) logged.push(message.text().split('\n')[0]!.slice(0, 300))
    }
    const onRequest = (request: HTTPRequest) => {
      let verdict: 'allow' | 'block' = 'block'
      try {
        verdict = this.judge(request, allowed)
      } catch {
        // An unanswered request would stall the page until the deadline: refuse it.
      }
      if (verdict === 'allow') void request.continue()
      else {
        blocked.push({ url: request.url(), kind: request.resourceType() })
        void request.abort('blockedbyclient')
      }
    }
    tab.on('pageerror', onError)
    tab.on('console', onConsole)
    tab.on('request', onRequest)
    await tab.setRequestInterception(true)
    try {
      return await this.layOut(tab, file, pageFailed, time)
    } finally {
      // The page is kept for the next brief (src/render/print/browser.ts): it leaves as it came.
      tab.off('pageerror', onError)
      tab.off('console', onConsole)
      tab.off('request', onRequest)
    }
  }

  /**
   * Lays the page out (in-page/one-pass.js), settles its soft hyphens, reads it for the layout
   * check and prints it. The notes and headings are read before the paginator moves them.
   */
  private async layOut(
    tab: Page,
    file: string,
    pageFailed: Promise<never>,
    time: (stage: string, ms: number) => void,
  ): Promise<{ pdf: Uint8Array; before: NoteSnapshot; after: LayoutReading; headings: string[] }> {
    const started = performance.now()
    await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' })
    // Injected as inline scripts (their text, not a request): the page loads no script file.
    await tab.addScriptTag({ path: readingsScript })
    await tab.addScriptTag({ path: softHyphensScript })
    await tab.addScriptTag({ path: paginator() })
    // The layout measures text: every face must be loaded before it starts.
    await Promise.race([tab.evaluate(fontsLoaded), pageFailed])
    const before = (await tab.evaluate('window.__briefProbe.snapshotNotes()')) as NoteSnapshot
    const headings = (await tab.evaluate(`Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'), (h) => h.textContent)`)) as string[]
    // Started once it is there: a paginator that never defines it stalls until the deadline.
    const run = `new Promise((done) => { const go = () => (window.__briefOnePass ? done(window.__briefOnePass()) : setTimeout(go, 20)); go() })`
    await Promise.race([tab.evaluate(run), pageFailed])
    await tab.evaluate('window.__briefSettleSoftHyphens()')
    const after = (await tab.evaluate('window.__briefProbe.readLayout()')) as LayoutReading
    const printing = performance.now()
    time('layout', printing - started)
    // Interception stays on: in the page kept for the next brief, any late request of this
    // document stalls instead of loading unchecked.
    const pdf = await tab.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 0 })
    time('print', performance.now() - printing)
    return { pdf, before, after, headings }
  }

  private judge(request: HTTPRequest, allowed: string[]): 'allow' | 'block' {
    const url = request.url()
    if (url.startsWith('data:')) return 'allow'
    if (url.startsWith('file:')) {
      let target: string
      try {
        target = fileURLToPath(url.split(/[?#]/)[0]!)
      } catch {
        return 'block' // file://host/… (e.g. from a protocol-relative //host/x.png)
      }
      return allowed.some((root) => insideFolder(root, target)) ? 'allow' : 'block'
    }
    if (this.options.allowRemote && /^https?:/.test(url) && request.resourceType() === 'image') return 'allow'
    return 'block'
  }
}

/** One warning per refused request, placed where the brief mentions it when it can be found. */
function reportBlocked(file: VFile, source: string, blocked: BlockedRequest[]): void {
  const seen = new Set<string>()
  for (const { url, kind } of blocked) {
    if (seen.has(url)) continue
    seen.add(url)
    const written = url.startsWith('file:') ? path.basename(url.split(/[?#]/)[0]!) : url
    const at = source.indexOf(written)
    const reason = url.startsWith('file:')
      ? `Blocked ${kind} request for ${url}: a brief may only use files inside its own folder`
      : `Blocked ${kind} request to ${url}: briefs are built without network access (use --allow-remote for remote images)`
    file.message(reason, { place: at >= 0 ? placeAt(source, at) : undefined, ruleId: rule('blocked-request'), source: 'security' })
  }
}
