/**
 * The run: what every command resolves once, before it reads a brief. The configuration
 * (brief.config.yaml), the style the command line names (checked), the configuration's own
 * style (checked), the logo, and the Markdown stage made from them. `build`, `watch`, `check`
 * and `bib` all start here, so a bad configuration or style gives the same message and exit
 * code whichever command meets it. Per brief, only its front matter may override the run.
 *
 * A brief's file is made here too (`prepareBrief`): it carries the run's configuration and
 * logo as `file.data`, which is all the Markdown stage reads of the run.
 */
import path from 'node:path'
import type { Root } from 'mdast'
import type { Plugin } from 'unified'
import { VFile } from 'vfile'
import { Deadline, DeadlineExceeded } from '../brief/deadline.ts'
import { findBriefs, type BriefLocation } from '../brief/paths.ts'
import { readBriefInto } from '../brief/read.ts'
import { timed } from '../brief/timings.ts'
import { chooseStyle } from '../citations/style-choice.ts'
import { StyleProblem, type Style } from '../citations/styles.ts'
import { configFileName, loadConfig } from '../config/load.ts'
import { loadLogo, type Logo } from '../config/logo.ts'
import type { InstituteConfig } from '../config/schema.ts'
import { ConfigError, UsageError } from '../errors.ts'
import type { MarkdownStage } from '../pipeline/processor.ts'
import type { ParserPool } from '../pipeline/parsers.ts'
import { rule } from '../rules.ts'
import type { Reads } from '../reads.ts'

export interface RunOptions {
  /** Folder that paths, brief.config.yaml and a relative style are found from (default: cwd). */
  cwd?: string
  /** A style for every brief, overriding front matter and configuration (default: none). */
  csl?: string
  /** The flag that named `csl`, for its messages (default: `--csl`). */
  cslFlag?: string
  /** Keep remote images: loaded into PDFs, linked from web pages (default: `false`). */
  allowRemote?: boolean
  /** Plugins run after the Markdown stage, for checks only one command makes (default: none). */
  after?: Array<Plugin<[], Root>>
  /**
   * Parse each brief in these worker threads, which a deadline or a cancellation ends at once,
   * instead of on this thread, which a parse holds until it ends (default: on this thread).
   */
  parsers?: ParserPool
}

export interface Run {
  cwd: string
  config: InstituteConfig
  /** The folder the configuration's relative paths are resolved against. */
  configDir: string
  /** The configuration file, when there is one. */
  configFile?: string
  /** The style the command line named, overriding every brief's. */
  style?: Style
  /** The configuration's style, for briefs that name none. */
  configStyle: Style
  logo?: Logo
  allowRemote: boolean
  /** Files outside any brief's folder whose change changes every output: configuration and logo. */
  sharedInputs: string[]
  /** The files the run read (configuration, its style and the `--csl` one, logo), with the digest of the bytes read: every brief's build depends on them. */
  reads: Reads
  /** The briefs `paths` name (folders, .md files, folders of briefs), or every brief under briefs/. */
  briefs(paths?: string[]): Promise<BriefLocation[]>
  /** The Markdown stage, made on first use (a run whose briefs are all up to date never loads it). */
  stage(): Promise<MarkdownStage>
  /** The worker threads briefs are parsed in, when the run has them. */
  parsers?: ParserPool
}

export async function resolveRun(options: RunOptions = {}): Promise<Run> {
  const cwd = options.cwd ?? process.cwd()
  const reads: Reads = new Map()
  const { config, dir, file } = await loadConfig(cwd, undefined, reads)
  // Styles named by the run are checked once, before any brief: a bad one is a usage or
  // configuration error, said once, not a failure of every brief.
  const style = options.csl ? await runStyle(options.csl, options.cslFlag ?? '--csl', cwd, reads) : undefined
  const configStyle = await runStyle(config.csl, `${configFileName} csl`, dir, reads)
  const logo = await loadLogo(config, dir, reads)
  const allowRemote = options.allowRemote ?? false
  let stage: Promise<MarkdownStage> | undefined
  return {
    cwd,
    config,
    configDir: dir,
    ...(file ? { configFile: file } : {}),
    ...(style ? { style } : {}),
    configStyle,
    ...(logo ? { logo } : {}),
    allowRemote,
    ...(options.parsers ? { parsers: options.parsers } : {}),
    sharedInputs: [file, config.logo && path.resolve(dir, config.logo)].filter((f): f is string => Boolean(f)),
    reads,
    briefs: (paths = []) => findBriefs(paths.map((p) => path.resolve(cwd, p)), cwd),
    stage: () =>
      (stage ??= import('../pipeline/processor.ts').then(({ createMarkdownStage }) => {
        const made = createMarkdownStage({ style, configDir: dir, allowRemote })
        return options.after?.length ? (made().use(options.after) as unknown as MarkdownStage) : made
      })),
  }
}

/**
 * A style named for the whole run, by a flag or by the configuration. A bad one stops the run
 * (exit 2): a usage error for a flag, a configuration error for brief.config.yaml.
 */
async function runStyle(written: string, named: string, baseDir: string, reads: Reads): Promise<Style> {
  const origin = named.startsWith('--') ? 'flag' : 'config'
  try {
    return await chooseStyle({ written, origin, baseDir }, reads)
  } catch (error) {
    if (!(error instanceof StyleProblem)) throw error
    // A style that exists but is broken is named as the place to fix.
    const at = error.kind === 'missing' ? {} : { file: error.resolved }
    if (origin === 'flag') throw new UsageError(`${named}: ${error.message}`, { cause: error, ...at })
    throw new ConfigError(`${named}: ${error.message}`, { cause: error, ...at })
  }
}

/** A brief after the Markdown stage: its tree, unless `file` holds errors. */
export interface PreparedBrief {
  file: VFile
  tree?: Root
}

/** True when a message on the file is an error (the brief must not be written). */
export const hasErrors = (file: VFile): boolean => file.messages.some((m) => m.fatal)

/** Marks an unexpected failure as the brief's error, unless it is one of its messages already. */
export function internalError(file: VFile, error: unknown): void {
  if (file.messages.includes(error as never)) return
  if (error instanceof DeadlineExceeded) {
    file.message(error.message, { ruleId: rule('timeout'), source: 'brief' }).fatal = true
    return
  }
  if (error instanceof RangeError && /call stack/.test(error.message)) {
    // Nesting the limits did not catch: say what it is, not where the parser gave up.
    file.message('The brief nests too deeply to be read (block quotes, lists, emphasis or HTML inside each other); flatten it', { ruleId: rule('too-large'), source: 'brief' }).fatal = true
    return
  }
  file.message(`Could not build the brief: ${(error as Error).message}`, { ruleId: rule('internal'), source: 'brief', cause: error as Error }).fatal = true
}

/**
 * Reads a brief and runs the run's Markdown stage on it (front matter, sources, citations,
 * notes). The parse runs in the run's worker threads when it has them: then the deadline and
 * `signal` end it at once. A cancellation is thrown, not made the brief's error.
 */
export async function prepareBrief(run: Pick<Run, 'config' | 'logo' | 'stage' | 'parsers'>, brief: BriefLocation, deadline?: Deadline, signal?: AbortSignal): Promise<PreparedBrief> {
  const file = new VFile({ path: brief.file, data: { config: run.config, folder: brief.folder, reads: new Map(), ...(run.logo ? { logo: run.logo } : {}), ...(deadline ? { deadline } : {}) } })
  if (brief.problem) {
    // An entry of a folder of briefs that could not be read: its error, and the batch goes on.
    file.message(brief.problem.reason, { place: { line: 1, column: 1 }, ruleId: brief.problem.ruleId, source: 'brief' }).fatal = true
    return { file }
  }
  if (!(await readBriefInto(file))) return { file }
  try {
    const stage = await run.stage()
    const parsed = await timed(file, 'parse', () => (run.parsers ? run.parsers.parse(file, { deadline, signal }) : stage.parse(file)))
    const tree = await stage.run(parsed, file)
    return { file, tree }
  } catch (error) {
    if (signal?.aborted) throw error
    internalError(file, error)
    return { file }
  }
}
