/**
 * The raw-HTML pass (src/plugins/rehype-raw-where-needed.ts) runs only on trees that hold raw
 * HTML. `outputsBothWays` builds a brief's tree once, then every output's tail twice: as the
 * build does, and with every tree parsed again as rehype-raw alone would (`parseAllHtml`). The
 * two must serialise to the same bytes.
 */
import { toHtml } from 'hast-util-to-html'
import path from 'node:path'
import { locate } from '../../src/brief/paths.ts'
import { prepareBrief, resolveRun } from '../../src/core/run.ts'
import { createTail, type TailOptions } from '../../src/pipeline/processor.ts'
import { runTail } from '../../src/render/shared/tail.ts'
import { EXIT, visit } from 'unist-util-visit'

/** Each output's tail as its renderer makes it, images given a stand-in address. */
const outputs: Record<string, TailOptions> = {
  web: { notes: 'web', embed: () => 'image.png', shareImages: true, document: {} },
  print: { notes: 'print', embed: () => 'image.png', hyphenate: true, document: {} },
  epub: { notes: 'epub', embed: () => 'image.png' },
  docx: { notes: 'docx', embed: () => 'image.png' },
}

export interface BothWays {
  /** Whether the brief's tree, at the raw pass, holds raw HTML (then both ways parse it). */
  raw: boolean
  /** Per output: the HTML as built, and as with every tree parsed. */
  outputs: Record<string, { built: string; parsed: string }>
}

/** The brief in `folder` (its brief.md), each output both ways; undefined when it has errors. */
export async function outputsBothWays(folder: string): Promise<BothWays | undefined> {
  const run = await resolveRun({ cwd: folder })
  const { file, tree } = await prepareBrief(run, locate(path.join(folder, 'brief.md')))
  if (!tree || file.messages.some((m) => m.fatal)) return undefined
  const result: BothWays['outputs'] = {}
  for (const [name, options] of Object.entries(outputs)) {
    const built = toHtml(await runTail(createTail({ ...options, parseAllHtml: false }), tree, file))
    const parsed = toHtml(await runTail(createTail({ ...options, parseAllHtml: true }), tree, file))
    result[name] = { built, parsed }
  }
  // Raw HTML in Markdown is an `html` node, which becomes the tail's `raw` node.
  let raw = false
  visit(tree, 'html', () => {
    raw = true
    return EXIT
  })
  return { raw, outputs: result }
}
