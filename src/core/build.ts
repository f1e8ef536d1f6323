/**
 * `brief build`: every brief named by the paths, into every requested format. Each brief goes
 * through the Markdown stage once; each format is a short tail on its tree. A brief with
 * errors gets no new output (its previous files stay as they were); the others still build.
 */
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { BriefLocation } from '../brief/paths.ts'
import { BrowserError, UsageError } from '../errors.ts'
import { displayPath } from '../messages.ts'
import type { DocxRenderer } from '../render/docx/docx.ts'
import type { EpubRenderer } from '../render/epub/epub.ts'
import type { BrowserSession } from '../render/print/browser.ts'
import type { PdfRenderer } from '../render/print/pdf.ts'
import type { HtmlRenderer } from '../render/web/html.ts'
import { prepareOutputFolder, removeLeftovers, replaceOutputs, ReplaceError } from './write.ts'
import { BuildRecords } from './incremental.ts'
import { fontFiles } from '../render/shared/fonts.ts'
import { timed, type Timings } from '../brief/timings.ts'
import { Deadline, defaultTimeout } from '../brief/deadline.ts'
import { hasErrors, internalError, prepareBrief, resolveRun, type PreparedBrief, type Run } from './run.ts'
import { rule } from '../rules.ts'
import { choose } from '../text/choice.ts'

export const allFormats = ['pdf', 'html', 'epub', 'docx'] as const
export type Format = (typeof allFormats)[number]
/** Formats this version can write; the others are refused with a clear message. */
export const availableFormats: readonly Format[] = ['pdf', 'html', 'epub', 'docx']
/** What `brief build` writes when no --format is given: the DOCX is for editors, on request. */
export const defaultFormats: readonly Format[] = ['pdf', 'html', 'epub']

export interface BuildOptions {
  /** Brief folders, .md files or folders of briefs (default: every brief under briefs/). */
  paths?: string[]
  /** Output folder (default: `output`). */
  out?: string
  /** Formats to write (default: every available format). */
  formats?: Format[]
  /** CSL style overriding the briefs' own: a name from styles/ or a .csl path relative to `cwd` (default: none). */
  csl?: string
  /** Folder that paths and brief.config.yaml are relative to (default: cwd). */
  cwd?: string
  /** Milliseconds each brief may take, from reading it to writing its files (default: 60 000). */
  timeout?: number
  /** Keep remote images: loaded into PDFs, linked from web pages (default: false). */
  allowRemote?: boolean
  /** Print a PDF even when a note is not on the page of its call, with a warning (default: false). */
  allowMisplacedNotes?: boolean
  /** Rebuild every brief, even those whose inputs are unchanged since their last build (default: false). */
  force?: boolean
  /**
   * Briefs built at once, each in its own browser page (default: the machine's cores, at most
   * 4). Outputs are the same whatever the number; only the time changes.
   */
  jobs?: number
  /**
   * Parse briefs in worker threads, so that `timeout` and `signal` end a parse at once, however
   * the brief is shaped (default: false, on this thread; the command line sets it).
   */
  isolate?: boolean
  /** Cancels the run (Ctrl-C); the browser is closed and no partial file is left. */
  signal?: AbortSignal
  /**
   * A browser already running (the caller's), used for the PDFs instead of launching one, and
   * not closed at the end, nor by `signal`: for a program that builds many times, such as a
   * test suite, which then pays for one Chromium instead of one per build. Deadlines, the
   * signal and a restart after a crash work as in a browser of the run's own; the session's own
   * options stay (launch it with `network: true` for `allowRemote`). Default: a browser
   * launched for the run and closed when it ends.
   */
  browser?: BrowserSession
  /** Called as each brief starts (1-based position in the batch), for progress output. */
  onStart?: (brief: BriefLocation, position: number, total: number) => void
  /** Called as each brief finishes, for progress output. */
  onBrief?: (result: BriefResult) => void
}

export interface BriefResult {
  brief: BriefLocation
  /** The PDF's page count and how many paragraphs it split over pages (PDF builds only). */
  layout?: { pages: number; splitParagraphs: number }
  /** Files written. */
  outputs: string[]
  messages: VFileMessage[]
  ok: boolean
  /** True when the brief was up to date and not rebuilt (its outputs are listed all the same). */
  skipped?: boolean
  /**
   * Outputs found not to be what the brief's last good build wrote (changed, deleted, or left by
   * a build killed while replacing them), which is why it was built again.
   */
  stale?: string[]
  /** Milliseconds the brief took. */
  time: number
  /** Milliseconds of each stage of its build, in the order they ran (built briefs only). */
  timings?: Timings
}

export interface BuildReport {
  briefs: BriefResult[]
  ok: boolean
  /** Milliseconds the whole run took. */
  time: number
  /** Milliseconds of the run's own stages: start-up, checks, loading the pipeline, the browser. */
  timings: Timings
}

/** Briefs built at once unless --jobs says otherwise: one per core, at most 4 (memory). */
export function defaultJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()))
}

/** What other tools call our formats: suggested by "did you mean", never taken as given. */
export const formatSynonyms: Readonly<Record<string, Format>> = {
  word: 'docx', doc: 'docx', msword: 'docx', 'ms-word': 'docx', odt: 'docx', rtf: 'docx',
  web: 'html', html5: 'html', htm: 'html', xhtml: 'html', page: 'html', website: 'html',
  ebook: 'epub', 'e-book': 'epub', epub3: 'epub', book: 'epub', mobi: 'epub', kindle: 'epub',
  print: 'pdf', paper: 'pdf', latex: 'pdf', typst: 'pdf',
}

export function parseFormats(value: string): Format[] {
  const formats = value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean)
  for (const format of formats) {
    choose(format, allFormats, { what: 'format', synonyms: formatSynonyms, example: '--format pdf,html' })
    if (!availableFormats.includes(format as Format)) {
      throw new UsageError(`The ${format} format is not yet available`, { hint: `Available now: ${availableFormats.join(', ')}` })
    }
  }
  if (!formats.length) throw new UsageError('No format given', { hint: `Use one or more of ${availableFormats.join(', ')}` })
  return [...new Set(formats)] as Format[]
}

export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  const started = performance.now()
  // performance.now() counts from the process's start: before this call is Node's start-up
  // and the loading of the command (for a library caller, of their program too).
  const timings: Timings = { 'start-up': started }
  const lap = (stage: string, since: number) => (timings[stage] = (timings[stage] ?? 0) + performance.now() - since)
  const cwd = options.cwd ?? process.cwd()
  const parsers = options.isolate ? (await import('../pipeline/parsers.ts')).sharedParsers() : undefined
  // The process's pool: a worker starts only when a brief is to be built (`warm`), and waits
  // idle for the next build once this one ends.
  const run = await resolveRun({ cwd, csl: options.csl, allowRemote: options.allowRemote, ...(parsers ? { parsers } : {}) })
  const briefs = await run.briefs(options.paths)
  const out = path.resolve(cwd, options.out ?? 'output')
  const formats = options.formats ?? [...defaultFormats]

  // Briefs whose inputs are unchanged are skipped before any renderer or browser starts.
  const fonts = fontFiles().map((f) => f.path)
  const records = await BuildRecords.open(out, run.reads, fonts, { style: run.style?.file, allowRemote: options.allowRemote ?? false, allowMisplacedNotes: options.allowMisplacedNotes ?? false })
  const results = new Map<BriefLocation, BriefResult>()
  const stale = new Map<BriefLocation, string[]>()
  if (!options.force) {
    for (const brief of briefs) {
      const verdict = await records.verdict(brief.file, formats)
      if (verdict.upToDate) results.set(brief, { brief, outputs: verdict.outputs, messages: verdict.warnings, ok: true, skipped: true, time: 0 })
      else if (verdict.stale.length) stale.set(brief, verdict.stale)
    }
  }
  const toBuild = briefs.filter((b) => !results.has(b))
  const report = (): BuildReport => {
    const ordered = briefs.map((b) => results.get(b)).filter((r): r is BriefResult => Boolean(r))
    return { briefs: ordered, ok: ordered.every((r) => r.ok), time: performance.now() - started, timings }
  }
  for (const [index, brief] of briefs.entries()) {
    const result = results.get(brief)
    if (result) {
      options.onStart?.(brief, index + 1, briefs.length)
      options.onBrief?.(result)
    }
  }
  // The browser's code loads while the output folder is checked, and only when a brief needs
  // a PDF: a run where every brief is up to date loads none of it.
  const browserModule = toBuild.length && formats.includes('pdf') ? import('../render/print/browser.ts') : undefined
  browserModule?.catch(() => undefined)
  if (toBuild.length) {
    await prepareOutputFolder(out, options.out ?? 'output')
    await removeLeftovers(out)
  }
  lap('checks, build record', started)
  if (!toBuild.length) return report()
  parsers?.warm()

  // One browser for the whole run, only when a PDF is wanted; closed on every path (unless it
  // is the caller's). It starts first and comes up while the pipeline loads and the first
  // briefs go through the Markdown stage. The browser stack (Puppeteer, pdf-lib) loads only for
  // PDF builds.
  let launching = performance.now()
  const session = !browserModule
    ? undefined
    : options.browser
      ? Promise.resolve(options.browser)
      : browserModule.then(({ BrowserSession }) => {
          launching = performance.now()
          return BrowserSession.launch({ signal: options.signal, network: options.allowRemote })
        }).then((s) => {
          lap('browser start (beside the rest)', launching)
          return s
        })
  session?.catch(() => undefined) // its failure is reported where it is awaited
  try {
    const loading = performance.now()
    // The pipeline loads only now: a run where every brief is up to date never pays for it.
    await run.stage()
    const html = formats.includes('html') ? await (await import('../render/web/html.ts')).HtmlRenderer.create() : undefined
    const epub = formats.includes('epub') ? await (await import('../render/epub/epub.ts')).EpubRenderer.create() : undefined
    const docx = formats.includes('docx') ? await (await import('../render/docx/docx.ts')).DocxRenderer.create() : undefined
    lap('loading the pipeline', loading)
    const pdf = session
      ? Promise.all([session, import('../render/print/pdf.ts')]).then(([s, { PdfRenderer }]) =>
          PdfRenderer.create(s, {
            timeout: options.timeout,
            allowRemote: options.allowRemote,
            allowMisplacedNotes: options.allowMisplacedNotes,
            signal: options.signal,
          }),
        )
      : undefined
    pdf?.catch(() => undefined)
    // A few workers take the briefs in order; while one brief is laid out in the browser,
    // the next one's Markdown stage runs here.
    let next = 0
    let failure: { error: unknown } | undefined
    const worker = async () => {
      while (!failure && next < toBuild.length) {
        const brief = toBuild[next++]!
        try {
          options.signal?.throwIfAborted()
          options.onStart?.(brief, briefs.indexOf(brief) + 1, briefs.length)
          const briefStarted = performance.now()
          const { result, file, written, unwritten } = await buildOne(brief, { run, html, pdf, epub, docx, out, timeout: options.timeout, signal: options.signal })
          result.time = performance.now() - briefStarted
          if (stale.has(brief)) result.stale = stale.get(brief)
          if (result.ok && file && written) await records.built(brief.file, file, written)
          // Outputs that could not all be written: the record of the last good build stays,
          // and those already replaced no longer match it (stale next time).
          else if (!unwritten) await records.failed(brief.file)
          results.set(brief, result)
          options.onBrief?.(result)
        } catch (error) {
          failure ??= { error }
        }
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs ?? defaultJobs(), toBuild.length)) }, worker))
    if (failure) throw failure.error
    return report()
  } finally {
    // The caller's browser stays theirs: left running for their next build.
    if (!options.browser) await (await session?.catch(() => undefined))?.close()
  }
}

interface Renderers {
  run: Run
  html?: HtmlRenderer
  /** The PDF renderer once its browser is up (it starts while the first briefs are prepared). */
  pdf?: Promise<PdfRenderer>
  epub?: EpubRenderer
  docx?: DocxRenderer
  out: string
  /** Milliseconds one brief may take, reading to writing (`--timeout`). */
  timeout?: number
  /** Cancels the run: a parse under way is ended at once. */
  signal?: AbortSignal
}

/** Prints a prepared brief; a browser failure becomes the brief's error instead of a throw. */
export async function printBrief({ file, tree }: PreparedBrief, brief: BriefLocation, pdf: PdfRenderer, signal?: AbortSignal): Promise<Uint8Array | undefined> {
  if (!tree || hasErrors(file)) return undefined
  try {
    return await pdf.render(tree, file, brief.folder, signal)
  } catch (error) {
    if (!(error instanceof BrowserError)) throw error
    const msg = file.message(error.message, { ruleId: rule('browser'), source: 'pdf', cause: error })
    msg.fatal = true
    if (error.hint) msg.note = error.hint
    return undefined
  }
}

/**
 * Builds one brief into every format; writes nothing unless every format succeeded, and then
 * replaces its outputs as a set (`written`). `unwritten` when they could not all be written.
 */
async function buildOne(brief: BriefLocation, { run, html, pdf, epub, docx, out, timeout, signal }: Renderers): Promise<{ result: BriefResult; file?: VFile; written?: Map<string, string | Uint8Array>; unwritten?: true }> {
  const deadline = new Deadline(timeout ?? defaultTimeout)
  const prepared = await prepareBrief(run, brief, deadline, signal)
  const { file, tree } = prepared
  const files = new Map<string, string | Uint8Array>()
  if (tree && !hasErrors(file)) {
    try {
      if (html) files.set(path.join(out, `${brief.slug}.html`), await timed(file, 'web page', () => html.render(tree, file)))
      deadline.check('web page')
      if (epub) files.set(path.join(out, `${brief.slug}.epub`), await timed(file, 'e-book', () => epub.render(tree, file, brief.slug)))
      deadline.check('e-book')
      if (docx) files.set(path.join(out, `${brief.slug}.docx`), await timed(file, 'Word document', () => docx.render(tree, file, brief.slug)))
      deadline.check('Word document')
    } catch (error) {
      internalError(file, error)
    }
  }
  let layout: BriefResult['layout']
  if (pdf && !hasErrors(file)) {
    // A browser that cannot start fails the run (exit 2), not this brief: it is not caught here.
    const renderer = await timed(file, 'waiting for the browser', () => pdf)
    // Time spent waiting for the browser counts; the layout gets only what is left.
    try {
      deadline.check('waiting for the browser')
    } catch (error) {
      internalError(file, error)
    }
    const bytes = await printBrief(prepared, brief, renderer)
    if (bytes) files.set(path.join(out, `${brief.slug}.pdf`), bytes)
    layout = file.data.layout
  }
  const messages = [...file.messages]
  const ok = !hasErrors(file)
  if (ok) {
    try {
      await timed(file, 'write', () => replaceOutputs(files))
    } catch (error) {
      if (!(error instanceof ReplaceError)) throw error
      const failure = new VFile({ path: brief.file })
      failure.message(unwritable(error), { ruleId: rule('unwritable-output'), source: 'brief', cause: error }).fatal = true
      return { result: { brief, outputs: error.replaced, messages: [...messages, ...failure.messages], ok: false, time: 0 }, unwritten: true }
    }
  }
  const outputs = ok ? [...files.keys()] : []
  return { result: { brief, outputs, messages, ok, time: 0, timings: file.data.timings ?? {}, ...(layout ? { layout } : {}) }, file, ...(ok ? { written: files } : {}) }
}

/** Why a brief's outputs could not be written, and in what state they are left. */
function unwritable({ target, replaced, cause }: ReplaceError): string {
  const code = (cause as NodeJS.ErrnoException).code
  const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full; free some space and build again' : `${(cause as Error).message}; check the --out folder`
  const state = replaced.length
    ? `; ${replaced.map((f) => displayPath(f)).join(', ')} ${replaced.length > 1 ? 'were' : 'was'} already replaced, so this brief's outputs are from two builds until it is built again (the next build does it)`
    : ' (the previous outputs are intact)'
  return `Cannot write ${displayPath(target)}: ${why}${state}`
}
