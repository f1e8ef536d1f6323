/**
 * Writes the page our PDF build hands to its paginator (notes inline, hyphenated, fonts and images
 * as file: URLs), so the benchmark can print the very same page with other tools.
 */
import { writeFile } from 'node:fs/promises'
import { locate } from '../src/brief/paths.ts'
import { prepareBrief, resolveRun } from '../src/core/run.ts'
import { BrowserSession } from '../src/render/print/browser.ts'
import { PdfRenderer } from '../src/render/print/pdf.ts'

export async function writePrintPage(briefFile: string, cwd: string, target: string): Promise<void> {
  const run = await resolveRun({ cwd })
  const { file, tree } = await prepareBrief(run, locate(briefFile))
  if (!tree || file.messages.some((m) => m.fatal)) throw new Error(`${briefFile} has errors: ${file.messages.map((m) => m.reason).join('; ')}`)
  const session = await BrowserSession.launch()
  try {
    await writeFile(target, await (await PdfRenderer.create(session)).printPage(tree, file))
  } finally {
    await session.close()
  }
}
