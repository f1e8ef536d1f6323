/**
 * `brief check`: every problem `build` would report about a brief's Markdown, front matter,
 * sources and images, found by running the Markdown stage alone, with no browser and no
 * output; plus what only a check looks for: sources nobody cites, links to missing files.
 */
import type { VFileMessage } from 'vfile-message'
import type { BriefLocation } from '../brief/paths.ts'
import { remarkCheckExtras } from '../plugins/remark-check-extras.ts'
import { hasErrors, prepareBrief, resolveRun } from './run.ts'

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
  // The build's run, with the checks only `check` makes after its Markdown stage.
  const run = await resolveRun({ cwd: options.cwd, after: [remarkCheckExtras] })
  const results: CheckResult[] = []
  for (const brief of await run.briefs(options.paths)) {
    const { file } = await prepareBrief(run, brief)
    results.push({ brief, messages: file.messages, ok: !hasErrors(file) })
  }
  return results
}
