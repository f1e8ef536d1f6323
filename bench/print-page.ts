/**
 * Writes the page our PDF build hands to its paginator (notes inline, hyphenated, fonts and images
 * as file: URLs), so the benchmark can print the very same page with other tools. For
 * pagedjs-cli the notes are floated to the page foot the CSS GCPM way (`float: footnote`, an
 * `@footnote` area with our rule), so it does the same work ours does; a bare Chromium print
 * ignores those rules.
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
    const page = await (await PdfRenderer.create(session)).printPage(tree, file)
    await writeFile(target, page.replace('</head>', `<style>${pagedNotes}</style></head>`))
  } finally {
    await session.close()
  }
}

/** Notes at the page foot for a CSS paged-media paginator (Paged.js), as our pages have them. */
const pagedNotes = `
@page { @footnote { margin-top: 4mm; padding-top: 2.5mm; background: linear-gradient(#000, #000) top left / 33% 0.5pt no-repeat; } }
.footnote { float: footnote; }
[data-footnote-call]::after { content: none; }
[data-footnote-marker] { display: block; list-style: none; }
[data-footnote-marker]::marker { content: none; }
`
