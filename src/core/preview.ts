/**
 * The live preview behind `brief watch`: one brief, rebuilt in memory whenever a file it reads
 * changes, in three views (web page, printed PDF, e-book). Nothing is written to disk.
 *
 * A rebuild runs the Markdown stage once, renders the web page and the e-book at once (they
 * take a fraction of a second) and then prints the PDF in the browser, which stays open for
 * the whole session. A save during the print cancels it: the next rebuild starts at once.
 * A rebuild with errors keeps the last good output of each view and shows the errors instead
 * of replacing it; each view has a version number, raised whenever what it shows changes, so
 * open pages know when to reload.
 */
import { readdirSync, watch, type FSWatcher } from 'node:fs'
import path from 'node:path'
import type { VFileMessage } from 'vfile-message'
import type { BriefLocation } from '../brief/paths.ts'
import { configFileName } from '../config/load.ts'
import { BriefError } from '../errors.ts'
import type { BrowserSession } from '../render/print/browser.ts'
import type { PdfRenderer } from '../render/print/pdf.ts'
import type { ParserPool } from '../pipeline/parsers.ts'
import { Deadline, defaultTimeout } from '../brief/deadline.ts'
import { printBrief } from './build.ts'
import { hasErrors, internalError, prepareBrief, resolveRun } from './run.ts'
import { inputsOf } from './incremental.ts'
import { messageData, where, type MessageData } from '../report.ts'
import type { HtmlRenderer } from '../render/web/html.ts'
import type { EpubRenderer } from '../render/epub/epub.ts'
import { toolkitRoot } from '../toolkit.ts'

export type View = 'web' | 'print' | 'epub'
export const views: readonly View[] = ['web', 'print', 'epub']

/** A message as the preview shows it: the message's data and its place as the terminal writes it. */
export interface ShownMessage extends MessageData {
  /** `file:line:col`, relative to the working folder; empty for a problem with no place. */
  where: string
}

export interface ViewState {
  /** Raised whenever what the view shows changes. */
  version: number
  /** The last good output: the page's HTML, the PDF's bytes or the EPUB's bytes. */
  output?: string | Uint8Array
  /** Messages of the latest build (errors mean `output` is from an earlier one). */
  messages: ShownMessage[]
  /** True while a rebuild that will change this view is under way. */
  building: boolean
}

export interface RebuildEvent {
  view: View | 'all'
  ok: boolean
  /** Milliseconds since the change was noticed. */
  time: number
  messages: ShownMessage[]
  /** The messages this view's own stage added (the print's layout messages), for the terminal. */
  fresh: ShownMessage[]
}

export interface PreviewOptions {
  brief: BriefLocation
  /** Working folder: where brief.config.yaml and a relative --csl are looked up. */
  cwd: string
  /** A style for the preview, overriding the brief's (as `build --csl`). */
  csl?: string
  allowRemote?: boolean
  /** Milliseconds a print may take in the browser. */
  timeout?: number
  /** Starts the browser, for the print view; without it the preview has no print view. */
  launchBrowser?: () => Promise<BrowserSession>
  /** Called after each view is rebuilt, for the terminal. */
  onRebuild?: (event: RebuildEvent) => void
  /** Called whenever any view's state changes, for open pages. */
  onChange?: () => void
  /** Folders whose every file changes the outputs (default: the toolkit's styles and templates). */
  sharedFolders?: string[]
  /**
   * Parse each save in a worker thread, ended at the deadline or by a newer save, so that a
   * brief whose parsing takes long never holds the server (`brief watch` sets it).
   */
  isolate?: boolean
}

/** Folders of the toolkit whose files change every output: stylesheets and templates. */
const toolkitFolders = (): string[] => {
  const templates = path.join(toolkitRoot, 'templates')
  const names = (() => {
    try {
      return readdirSync(templates, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(templates, e.name))
    } catch {
      return []
    }
  })()
  return [path.join(toolkitRoot, 'styles'), ...names]
}
/** How long to wait after a change for more: editors often write a file in several steps. */
const settle = 60

export class Preview {
  readonly state: Record<View, ViewState> = {
    web: { version: 1, messages: [], building: true },
    print: { version: 1, messages: [], building: true },
    epub: { version: 1, messages: [], building: true },
  }
  private readonly watchers = new Map<string, FSWatcher>()
  /** Input files in folders not watched whole (a subfolder's images, a --csl file), by folder. */
  private readonly namedFiles = new Map<string, Set<string>>()
  private session?: Promise<BrowserSession | undefined>
  private printing?: AbortController
  /** The parse under way, stopped by a newer save. */
  private parsing?: AbortController
  private parsers?: Promise<ParserPool>
  private pending = false
  private running?: Promise<void>
  private timer?: NodeJS.Timeout
  private changedAt = performance.now()
  private closed = false
  private readonly sharedFolders: string[]
  /** Settled once the web view has its first result (a page or the errors), or on close. */
  private webReady!: () => void
  private readonly firstWeb = new Promise<void>((resolve) => (this.webReady = resolve))
  /** Made once and kept (they hold the fonts and stylesheets), until a stylesheet changes. */
  private renderers?: Promise<[HtmlRenderer, EpubRenderer]>
  private printer?: Promise<PdfRenderer>

  constructor(private readonly options: PreviewOptions) {
    this.sharedFolders = options.sharedFolders ?? toolkitFolders()
  }

  /** The first build, and watching from then on. Resolves when the web page is ready. */
  async start(): Promise<void> {
    if (this.options.launchBrowser) {
      // The browser starts while the first web page is being made.
      this.session = this.options.launchBrowser().catch((error: unknown) => {
        this.showProblem('print', error)
        return undefined
      })
    } else {
      this.state.print.building = false
    }
    this.watchFolder(this.options.brief.folder, true)
    this.watchFolder(this.options.cwd, false)
    for (const folder of this.sharedFolders) this.watchFolder(folder, true)
    this.rebuildSoon(0)
    await this.firstWeb
  }

  /** Resolves once no rebuild is running or waiting (for tests and the bench). */
  async idle(): Promise<void> {
    while (this.running || this.timer) await (this.running ?? new Promise((r) => setTimeout(r, settle)))
  }

  async close(): Promise<void> {
    this.closed = true
    this.webReady()
    clearTimeout(this.timer)
    this.timer = undefined
    for (const watcher of this.watchers.values()) watcher.close()
    this.watchers.clear()
    this.parsing?.abort()
    this.printing?.abort()
    await this.running?.catch(() => undefined)
    await (await this.session)?.close()
  }

  /**
   * Watches one folder, not its subfolders: a folder's own watch sees a file saved by renaming
   * a new one over it, which Node's recursive watching on Linux can miss. `everything`: any
   * file in it counts, else only the inputs named for it.
   */
  private watchFolder(folder: string, everything: boolean): void {
    if (this.watchers.has(folder)) return
    try {
      const watcher = watch(folder, (_event, name) => {
        const changed = name ? path.join(folder, String(name)) : folder
        if (this.matters(folder, changed, everything)) this.rebuildSoon(settle)
      })
      // A folder that goes away (a renamed bibliography folder) stops being watched; the
      // next build reports the missing file.
      watcher.on('error', () => {
        watcher.close()
        this.watchers.delete(folder)
      })
      this.watchers.set(folder, watcher)
    } catch {
      // A folder that does not exist cannot change; a missing file is the build's to report.
    }
  }

  private matters(folder: string, changed: string, everything: boolean): boolean {
    const base = path.basename(changed)
    // Editors' swap, backup and lock files are not inputs.
    if (base.startsWith('.') || base.endsWith('~') || base.startsWith('#')) return false
    // A stylesheet or template changed: the renderers read them when made, so make them again.
    if (this.sharedFolders.includes(folder)) {
      this.renderers = undefined
      this.printer = undefined
    }
    if (everything) return true
    if (folder === this.options.cwd && base === configFileName) return true
    return this.namedFiles.get(folder)?.has(base) ?? false
  }

  private rebuildSoon(delay: number): void {
    if (this.closed) return
    if (!this.pending && !this.running) this.changedAt = performance.now()
    this.pending = true
    // A parse or a print under way is of text that has just changed: stop it, the next one starts soon.
    this.parsing?.abort()
    this.printing?.abort()
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = undefined
      if (!this.running) this.running = this.loop().finally(() => (this.running = undefined))
    }, delay)
  }

  private async loop(): Promise<void> {
    while (this.pending && !this.closed) {
      this.pending = false
      try {
        await this.rebuild()
      } catch (error) {
        // Whatever goes wrong is shown in the page; the preview itself carries on.
        for (const view of views) this.showProblem(view, error)
      }
      this.changedAt = performance.now()
    }
  }

  private async rebuild(): Promise<void> {
    const started = this.changedAt
    for (const view of views) this.state[view].building = view !== 'print' || Boolean(this.session)
    this.options.onChange?.()
    const { brief, cwd } = this.options
    // Resolved again on every save: the configuration, its style or the logo may be what changed.
    if (this.options.isolate) this.parsers ??= import('../pipeline/parsers.ts').then(({ sharedParsers }) => sharedParsers())
    const parsers = await this.parsers
    const run = await resolveRun({ cwd, csl: this.options.csl, allowRemote: this.options.allowRemote, ...(parsers ? { parsers } : {}) })
    const [{ HtmlRenderer }, { EpubRenderer }] = await Promise.all([import('../render/web/html.ts'), import('../render/epub/epub.ts')])
    // A newer save stops this one's parse; so does the deadline, as in a build.
    const parsing = new AbortController()
    this.parsing = parsing
    let prepared: Awaited<ReturnType<typeof prepareBrief>>
    try {
      prepared = await prepareBrief(run, brief, new Deadline(this.options.timeout ?? defaultTimeout), parsing.signal)
    } catch (error) {
      if (parsing.signal.aborted) return // a newer save: the loop builds that one next
      throw error
    } finally {
      if (this.parsing === parsing) this.parsing = undefined
    }
    const { file, tree } = prepared
    this.watchInputs([...inputsOf(brief.file, file), ...run.sharedInputs, ...run.reads.keys()])

    let web: string | undefined
    let epub: Uint8Array | undefined
    if (tree && !hasErrors(file)) {
      try {
        // Rebuilding them each save churns memory.
        this.renderers ??= Promise.all([HtmlRenderer.create(), EpubRenderer.create()])
        const [html, book] = await this.renderers
        web = await html.render(tree, file)
        epub = await book.render(tree, file, brief.slug)
      } catch (error) {
        this.renderers = undefined // made again next time, in case a stylesheet was mid-save
        internalError(file, error)
      }
    }
    const shown = file.messages.map((m) => shownMessage(m, cwd))
    this.settle('web', web, shown, started)
    this.settle('epub', epub, shown, started)

    const session = await this.session
    if (!session) this.state.print.building = false
    if (!session || hasErrors(file) || this.closed) {
      if (session) this.settle('print', undefined, shown, started, [])
      return
    }
    if (this.pending) return // changed again already: print the newer text instead
    const printing = new AbortController()
    this.printing = printing
    try {
      this.printer ??= import('../render/print/pdf.ts').then(({ PdfRenderer }) => PdfRenderer.create(session, { timeout: this.options.timeout, allowRemote: this.options.allowRemote }))
      const pdf = await this.printer.catch((error: unknown) => {
        this.printer = undefined // made again next time, in case a stylesheet was mid-save
        throw error
      })
      const bytes = await printBrief(prepared, brief, pdf, printing.signal)
      const all = file.messages.map((m) => shownMessage(m, cwd))
      this.settle('print', bytes, all, started, all.slice(shown.length))
    } catch (error) {
      // Stopped by a newer save (whether inside the browser or before it began): not a failure.
      if (!printing.signal.aborted) throw error
    } finally {
      if (this.printing === printing) this.printing = undefined
    }
  }

  /** Records a view's new state: new output when there is one, else the errors beside the old. */
  private settle(view: View, output: string | Uint8Array | undefined, messages: ShownMessage[], started: number, fresh = messages): void {
    const state = this.state[view]
    if (output !== undefined) state.output = output
    state.messages = messages
    state.building = false
    state.version++
    if (view === 'web') this.webReady()
    this.options.onChange?.()
    this.options.onRebuild?.({ view, ok: output !== undefined, time: performance.now() - started, messages, fresh })
  }

  /** A failure of the whole rebuild (a broken configuration or style, an internal error). */
  private showProblem(view: View, error: unknown): void {
    const shown = problemMessage(error, this.options.cwd)
    const state = this.state[view]
    state.messages = [shown]
    state.building = false
    state.version++
    if (view === 'web') this.webReady()
    this.options.onChange?.()
    this.options.onRebuild?.({ view, ok: false, time: performance.now() - this.changedAt, messages: [shown], fresh: [shown] })
  }

  /** Watches the folders of inputs not watched whole (images in a subfolder, a --csl file, the logo). */
  private watchInputs(files: string[]): void {
    for (const input of files) {
      const folder = path.dirname(input)
      if (folder === this.options.brief.folder) continue
      let names = this.namedFiles.get(folder)
      if (!names) this.namedFiles.set(folder, (names = new Set()))
      names.add(path.basename(input))
      this.watchFolder(folder, false)
    }
  }
}

function shownMessage(m: VFileMessage, cwd: string): ShownMessage {
  return { ...messageData(m), where: where(m.file, m.line, m.column, cwd) }
}

function problemMessage(error: unknown, cwd: string): ShownMessage {
  if (error instanceof BriefError) {
    const at = error.file ? where(error.file, error.place?.line, error.place?.column, cwd) : ''
    return { where: at, severity: 'error', message: error.message, ...(error.hint ? { note: error.hint } : {}) }
  }
  return { where: '', severity: 'error', message: `Could not build the brief: ${(error as Error)?.message ?? String(error)}`, rule: 'internal' }
}
