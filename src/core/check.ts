/**
 * `brief check`: every problem `build` would report about a brief's Markdown, front matter,
 * sources and images, found by running the Markdown stage alone, with no browser and no
 * output; plus what only a check looks for: sources nobody cites, links to missing files.
 */
import { readBriefInto } from '../brief/read.ts'
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { findBriefs, type BriefLocation } from '../brief/paths.ts'
import { loadConfig } from '../config/load.ts'
import { createMarkdownStage } from '../pipeline/processor.ts'
import { remarkCheckExtras } from '../plugins/remark-check-extras.ts'

export interface CheckOptions {
  /** Brief folders, .md files or folders of briefs (default: every brief under briefs/). */
  paths?: string[]
  /** Folder that paths and brief.config.yaml are relative to (default: cwd). */
  cwd?: string
}

export interface CheckResult {
  brief: BriefLocation
  messages: VFileMessage[]
  /** No errors (warnings allowed). */
  ok: boolean
}

export async function check(options: CheckOptions = {}): Promise<CheckResult[]> {
  const cwd = options.cwd ?? process.cwd()
  const { config, dir } = await loadConfig(cwd)
  const briefs = await findBriefs((options.paths ?? []).map((p) => path.resolve(cwd, p)), cwd)
  // The build's Markdown stage, unfrozen to add the checks only `check` makes.
  const stage = createMarkdownStage({ configDir: dir })().use(remarkCheckExtras)
  const results: CheckResult[] = []
  for (const brief of briefs) {
    const file = new VFile({ path: brief.file, data: { config, folder: brief.folder } })
    try {
      if (await readBriefInto(file)) await stage.run(stage.parse(file), file)
    } catch (error) {
      if (!file.messages.includes(error as never)) {
        file.message(`Could not check the brief: ${(error as Error).message}`, { ruleId: 'internal', source: 'brief', cause: error as Error }).fatal = true
      }
    }
    results.push({ brief, messages: file.messages, ok: !file.messages.some((m) => m.fatal) })
  }
  return results
}
