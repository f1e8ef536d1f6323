/**
 * `brief watch [path]`: the preview (core/preview.ts) served by core/preview-server.ts.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { findBriefs, type BriefLocation } from '../brief/paths.ts'
import { Preview, type RebuildEvent } from '../core/preview.ts'
import { PreviewServer } from '../core/preview-server.ts'
import { UsageError } from '../errors.ts'
import { defaultReportStyle, formatLine, paint } from '../report.ts'
import { defineCommand, seconds, type FlagValues, type Flags } from './command.ts'
import type { CommandIO } from './io.ts'

export const defaultPort = 4747

const flags = {
  port: { type: 'string', value: 'N', help: `port to serve on (default: ${defaultPort}, or the next free one;\n0 for any free port)` },
  csl: { type: 'string', value: 'NAME|FILE', help: "citation style overriding the brief's (as in brief build)" },
  'allow-remote': { type: 'boolean', help: 'keep remote images, as brief build --allow-remote' },
  timeout: { type: 'string', value: 'SECONDS', help: 'time the print may take in the browser (default: 60)' },
} satisfies Flags

export const command = defineCommand({
  name: 'watch',
  arguments: '[path]',
  description: `Serves a live preview of one brief on this computer only (127.0.0.1) and rebuilds it whenever
you save its Markdown, its sources, its style, the stylesheets or brief.config.yaml. Open pages
reload by themselves. Errors are shown at the top of the page, over the last good build.
Nothing is written to the output folder: run \`brief build\` for the files.

  http://127.0.0.1:${defaultPort}/        the web page
  http://127.0.0.1:${defaultPort}/print   the PDF, page by page as it will print
  http://127.0.0.1:${defaultPort}/epub    the e-book's pages, and the .epub file

The path is a brief folder or its .md file; without one, the brief edited most recently under
briefs/ is previewed.`,
  flags,
  epilogue: `Press Ctrl-C to stop.

Example:
  brief watch briefs/2025-04-07-pakistan-afghanistan-resetting-ties`,
  run,
})

async function run({ flags: values, positionals }: { flags: FlagValues<typeof flags>; positionals: string[] }, io: CommandIO): Promise<number> {
  if (positionals.length > 1) throw new UsageError('brief watch previews one brief at a time', { hint: 'Name one brief folder, or run one brief watch per brief with different --port values' })
  const port = values.port === undefined ? defaultPort : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number from 0 to 65535, got \`${values.port}\``)
  const timeout = seconds(values.timeout, '--timeout')

  const cwd = process.cwd()
  const { brief, among } = await chooseBrief(positionals.map((p) => path.resolve(cwd, p)), cwd)
  const style = defaultReportStyle(io.stderr)
  const { BrowserSession } = await import('../render/print/browser.ts')
  let server: PreviewServer | undefined
  const preview = new Preview({
    brief,
    cwd,
    csl: values.csl,
    allowRemote: values['allow-remote'],
    timeout,
    isolate: true,
    launchBrowser: () => BrowserSession.launch({ signal: io.signal, network: values['allow-remote'] }),
    onChange: () => server?.notify(),
    onRebuild: (event) => io.stderr.write(rebuildReport(event, style.color)),
  })
  try {
    server = await PreviewServer.listen(preview, { slug: brief.slug, port, explicit: values.port !== undefined, allowRemote: values['allow-remote'] })
    io.stderr.write(`Previewing ${brief.slug} (${path.relative(cwd, brief.file) || brief.file})\n`)
    if (among > 1) io.stderr.write(`  the one saved last of ${among} briefs; name its .md file to preview another\n`)
    io.stdout.write(`  web page  ${server.url}\n  print     ${server.url}print\n  e-book    ${server.url}epub\n`)
    io.stderr.write('Watching for changes; Ctrl-C stops.\n')
    await preview.start()
    await new Promise<void>((resolve) => {
      if (!io.signal || io.signal.aborted) return resolve()
      io.signal.addEventListener('abort', () => resolve(), { once: true })
    })
  } finally {
    await server?.close()
    await preview.close()
  }
  io.stderr.write('Stopped.\n')
  return 0
}

/**
 * The brief named, or else the one whose Markdown was saved last: of every brief under briefs/,
 * or of a folder's several `.md` briefs. `among`: how many there were to choose from.
 */
export async function chooseBrief(paths: string[], cwd: string): Promise<{ brief: BriefLocation; among: number }> {
  const all = await findBriefs(paths, cwd)
  // An entry that cannot be read is previewed only when it is all there is: it shows its error.
  const found = all.some((b) => !b.problem) ? all.filter((b) => !b.problem) : all
  if (found.length === 1) return { brief: found[0]!, among: 1 }
  const times = await Promise.all(found.map(async (b) => (await stat(b.file).catch(() => undefined))?.mtimeMs ?? 0))
  return { brief: found[times.indexOf(Math.max(...times))]!, among: found.length }
}

const clock = () => new Date().toTimeString().slice(0, 8)

/** One line per rebuilt view (the e-book is said with the web page), then its messages. */
function rebuildReport(event: RebuildEvent, color: boolean): string {
  if (event.view === 'epub') return ''
  const name = event.view === 'print' ? 'print' : 'web page and e-book'
  const took = `${(event.time / 1000).toFixed(2)} s`
  const head = event.ok ? `${clock()}  ${name} rebuilt in ${took}` : `${clock()}  ${name}: ${paint(color, 31, 'not rebuilt')}; the preview shows the errors over the last good build`
  // The print repeats the Markdown stage's messages: only its own (layout) ones are new.
  if (event.view === 'print' && !event.ok && !event.fresh.length) return ''
  const lines = event.fresh.map((m) => formatLine(m.where, m.severity === 'error', m.message, m.rule, m.note, color))
  return [head, ...lines].join('\n') + '\n'
}
