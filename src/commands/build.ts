/**
 * `brief build [paths…] [--out DIR] [--format pdf,html,epub] [--csl NAME|FILE] [--json]`
 */
import { parseArgs } from 'node:util'
import path from 'node:path'
import { availableFormats, build, parseFormats, type BriefResult } from '../core/build.ts'
import type { BriefLocation } from '../brief/paths.ts'
import { defaultReportStyle, formatMessage } from '../report.ts'
import type { CommandIO } from './io.ts'
import { UsageError } from '../errors.ts'

export const buildHelp = `Usage: brief build [paths…] [options]

Builds briefs into ${availableFormats.join(', ')}. A path is a brief folder (holding brief.md),
a .md file or a folder of briefs; no path builds every brief under briefs/.

Options:
  --out DIR          output folder (default: output)
  --format LIST      comma-separated formats (default: ${availableFormats.join(',')})
  --csl NAME|FILE    citation style for every brief, overriding front matter and config:
                     a name from styles/ (issi, author-date) or a .csl file
  --timeout SECONDS  time one brief may take in the browser (default: 60)
  --allow-remote     keep remote images: loaded into PDFs, linked from web pages
                     (default: refused with a warning; EPUBs never refer to the network)
  --allow-misplaced-notes
                     print a PDF even if a note is not on the page of its call (as a warning)
  --force            rebuild every brief, even those unchanged since their last build
                     (by default a brief whose Markdown, sources, style, images,
                     configuration and toolkit are unchanged is skipped)
  --json             print a JSON report on stdout
  -h, --help         show this help

Example:
  brief build                          every brief under briefs/, only those that changed
  brief build briefs/2025-04-07-pakistan-afghanistan-resetting-ties --format pdf --force
`

const clearLine = '\r\u001b[2K'

/** "[3/10] building 2025-04-07-…" */
export function progressLine(slug: string, position: number, total: number): string {
  return `[${position}/${total}] building ${slug}…`
}

/** "3 built, 27 up to date, 1 failed in 12.4 s" */
export function summaryLine(results: BriefResult[], time: number): string {
  const count = (test: (r: BriefResult) => boolean) => results.filter(test).length
  return `${count((r) => r.ok && !r.skipped)} built, ${count((r) => Boolean(r.skipped))} up to date, ${count((r) => !r.ok)} failed in ${(time / 1000).toFixed(1)} s`
}

export async function buildCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      format: { type: 'string' },
      csl: { type: 'string' },
      timeout: { type: 'string' },
      'allow-remote': { type: 'boolean', default: false },
      'allow-misplaced-notes': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout.write(buildHelp)
    return 0
  }
  const style = defaultReportStyle(io.stderr)
  const formats = values.format ? parseFormats(values.format) : undefined
  // On a terminal a batch shows which brief is building, on one line that is then replaced.
  const live = Boolean(io.stderr.isTTY) && !values.json
  const onStart = (brief: BriefLocation, position: number, total: number) => {
    if (live && total > 1) io.stderr.write(`${clearLine}${progressLine(brief.slug, position, total)}`)
  }
  const onBrief = (result: BriefResult) => {
    if (live) io.stderr.write(clearLine)
    for (const message of result.messages) io.stderr.write(formatMessage(message, style) + '\n')
    if (!values.json) {
      const status = result.skipped ? 'up to date' : result.ok ? `built ${result.outputs.map((o) => path.relative(process.cwd(), o)).join(', ')}` : 'not built (errors above)'
      io.stderr.write(`${result.brief.slug}: ${status}\n`)
    }
  }
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout)
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout must be a number of seconds, got \`${values.timeout}\``)
  const report = await build({
    paths: positionals,
    out: values.out,
    formats,
    csl: values.csl,
    timeout: timeout && timeout * 1000,
    allowRemote: values['allow-remote'],
    allowMisplacedNotes: values['allow-misplaced-notes'],
    force: values.force,
    signal: io.signal,
    onStart,
    onBrief,
  })
  if (values.json) {
    const data = report.briefs.map((r) => ({
      slug: r.brief.slug,
      file: r.brief.file,
      ok: r.ok,
      skipped: Boolean(r.skipped),
      time: Math.round(r.time),
      outputs: r.outputs,
      ...(r.layout ? { pages: r.layout.pages } : {}),
      messages: r.messages.map((m) => ({ file: m.file, line: m.line, column: m.column, severity: m.fatal ? 'error' : 'warning', message: m.reason, rule: m.ruleId })),
    }))
    io.stdout.write(JSON.stringify({ ok: report.ok, time: Math.round(report.time), briefs: data }, null, 2) + '\n')
  } else if (report.briefs.length > 1) {
    io.stderr.write(summaryLine(report.briefs, report.time) + '\n')
  }
  return report.ok ? 0 : 1
}
