/**
 * `brief build`: every brief named by the paths, into every requested format. A brief with
 * errors gets no new output (its previous files stay as they were); the others still build.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { findBriefs, type BriefLocation } from '../brief/paths.ts'
import { loadConfig } from '../config/load.ts'
import { UsageError } from '../errors.ts'
import { HtmlRenderer } from '../render/html.ts'
import { writeAtomic } from './write.ts'

export const allFormats = ['pdf', 'html', 'epub'] as const
export type Format = (typeof allFormats)[number]
/** Formats this version can write; the others are refused with a clear message. */
export const availableFormats: readonly Format[] = ['html']

export interface BuildOptions {
  /** Brief folders, .md files or folders of briefs (default: every brief under briefs/). */
  paths?: string[]
  /** Output folder (default: `output`). */
  out?: string
  /** Formats to write (default: every available format). */
  formats?: Format[]
  /** CSL style overriding the briefs' own (default: none). */
  csl?: string
  /** Folder that paths and brief.config.yaml are relative to (default: cwd). */
  cwd?: string
  /** Called as each brief finishes, for progress output. */
  onBrief?: (result: BriefResult) => void
}

export interface BriefResult {
  brief: BriefLocation
  /** Files written. */
  outputs: string[]
  messages: VFileMessage[]
  ok: boolean
}

export interface BuildReport {
  briefs: BriefResult[]
  ok: boolean
}

export function parseFormats(value: string): Format[] {
  const formats = value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean)
  for (const format of formats) {
    if (!(allFormats as readonly string[]).includes(format)) {
      throw new UsageError(`Unknown format \`${format}\``, { hint: `Use one or more of ${allFormats.join(', ')}, e.g. --format pdf,html` })
    }
    if (!availableFormats.includes(format as Format)) {
      throw new UsageError(`The ${format} format is not yet available`, { hint: `Available now: ${availableFormats.join(', ')}` })
    }
  }
  if (!formats.length) throw new UsageError('No format given', { hint: `Use one or more of ${availableFormats.join(', ')}` })
  return [...new Set(formats)] as Format[]
}

export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  const cwd = options.cwd ?? process.cwd()
  const { config, dir } = await loadConfig(cwd)
  const briefs = await findBriefs((options.paths ?? []).map((p) => path.resolve(cwd, p)), cwd)
  const out = path.resolve(cwd, options.out ?? 'output')
  const formats = options.formats ?? [...availableFormats]
  const csl = options.csl ? path.resolve(cwd, options.csl) : undefined
  const html = await HtmlRenderer.create({ csl, configDir: dir })

  const results: BriefResult[] = []
  for (const brief of briefs) {
    const file = new VFile({ path: brief.file, value: await readFile(brief.file, 'utf8'), data: { config, folder: brief.folder } })
    const outputs: string[] = []
    const page = await html.render(file)
    if (page !== undefined && formats.includes('html')) {
      const target = path.join(out, `${brief.slug}.html`)
      await writeAtomic(target, page)
      outputs.push(target)
    }
    const result: BriefResult = { brief, outputs, messages: file.messages, ok: page !== undefined }
    results.push(result)
    options.onBrief?.(result)
  }
  return { briefs: results, ok: results.every((r) => r.ok) }
}
