/**
 * `brief build [paths…]`: the command line's side of core/build.ts (flags, progress, the
 * summary and the JSON report).
 */
import path from 'node:path'
import { availableFormats, build, defaultFormats, parseFormats, type BriefResult } from '../core/build.ts'
import type { BriefLocation } from '../brief/paths.ts'
import { defaultReportStyle, formatMessage, messageData } from '../report.ts'
import { defineCommand, seconds, type FlagValues, type Flags } from './command.ts'
import type { CommandIO } from './io.ts'
import { CancelledError, UsageError } from '../errors.ts'
import { formatTimings, type Timings } from '../brief/timings.ts'

const clearLine = '\r\u001b[2K'

/** "[███████░░░░░░░░░░░░░] 12/30  building a, b…", cut to the terminal's width. */
export function progressBar(done: number, total: number, active: string[], columns = 80): string {
  const width = 20
  const filled = Math.round((done / Math.max(total, 1)) * width)
  const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}${active.length ? `  building ${active.join(', ')}` : ''}`
  return line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line
}

/** "3 built, 27 up to date, 1 failed in 12.4 s" */
export function summaryLine(results: BriefResult[], time: number): string {
  const count = (test: (r: BriefResult) => boolean) => results.filter(test).length
  return `${count((r) => r.ok && !r.skipped)} built, ${count((r) => Boolean(r.skipped))} up to date, ${count((r) => !r.ok)} failed in ${(time / 1000).toFixed(1)} s`
}

/** " (output/a.pdf was stale: …)": why a brief whose inputs may be unchanged was built again. */
function staleNote({ stale }: BriefResult): string {
  if (!stale?.length) return ''
  const files = stale.map((o) => path.relative(process.cwd(), o))
  return ` (${files.join(', ')} ${files.length > 1 ? 'were' : 'was'} stale: not what its last build wrote)`
}

const roundTimings = (timings: Timings): Timings => Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]))

const flags = {
  out: { type: 'string', value: 'DIR', help: 'output folder (default: output)' },
  format: { type: 'string', value: 'LIST', help: `comma-separated formats (default: ${defaultFormats.join(',')};\ndocx, a Word document with real footnotes, on request)` },
  csl: { type: 'string', value: 'NAME|FILE', help: 'citation style for every brief, overriding front matter and config:\na name from styles/ (issi, author-date) or a .csl file' },
  timeout: { type: 'string', value: 'SECONDS', help: 'time one brief may take, reading to writing (default: 60)' },
  'allow-remote': { type: 'boolean', help: 'keep remote images: loaded into PDFs, linked from web pages\n(default: refused with a warning; EPUBs never refer to the network)' },
  'allow-misplaced-notes': { type: 'boolean', help: 'print a PDF even if a note is not on the page of its call (as a warning)' },
  jobs: { type: 'string', value: 'N', help: 'briefs built at once, each in its own browser page\n(default: one per core, at most 4; --jobs 1 builds one by one)' },
  force: { type: 'boolean', help: 'rebuild every brief, even those unchanged since their last build\n(by default a brief whose Markdown, sources, style, images,\nconfiguration and toolkit are unchanged is skipped)' },
  timings: { type: 'boolean', help: 'after each brief, the time each stage took (parse, sources,\ncitations, each output, layout, print, write), and the run\'s own\n(start-up, loading, browser start)' },
  json: { type: 'boolean', help: 'print a JSON report on stdout (with the timings)' },
} satisfies Flags

export const command = defineCommand({
  name: 'build',
  arguments: '[paths…]',
  description: `Builds briefs into ${availableFormats.join(', ')}. A path is a brief folder (holding brief.md),
a .md file or a folder of briefs; no path builds every brief under briefs/.`,
  flags,
  epilogue: `Example:
  brief build                          every brief under briefs/, only those that changed
  brief build briefs/2025-04-07-pakistan-afghanistan-resetting-ties --format pdf --force`,
  run,
})

async function run({ flags: values, positionals }: { flags: FlagValues<typeof flags>; positionals: string[] }, io: CommandIO): Promise<number> {
  const style = defaultReportStyle(io.stderr)
  const formats = values.format ? parseFormats(values.format) : undefined
  // On a terminal a batch shows a progress bar under the lines of finished briefs; otherwise
  // each brief gets one line as it finishes.
  const live = Boolean(io.stderr.isTTY) && !values.json
  const active = new Set<string>()
  let done = 0
  let total = 0
  const drawBar = () => {
    if (live && total > 1 && done < total) io.stderr.write(`${clearLine}${progressBar(done, total, [...active], io.stderr.columns)}`)
  }
  const onStart = (brief: BriefLocation, _position: number, count: number) => {
    total = count
    active.add(brief.slug)
    drawBar()
  }
  const onBrief = (result: BriefResult) => {
    active.delete(result.brief.slug)
    done++
    if (live) io.stderr.write(clearLine)
    for (const message of result.messages) io.stderr.write(formatMessage(message, style) + '\n')
    // On a terminal, unchanged briefs are counted in the summary instead of listed.
    if (!values.json && !(live && result.skipped && total > 1)) {
      const status = result.skipped ? 'up to date' : result.ok ? `built ${result.outputs.map((o) => path.relative(process.cwd(), o)).join(', ')}` : 'not built (errors above)'
      io.stderr.write(`${result.brief.slug}: ${status}${staleNote(result)}\n`)
      if (values.timings && result.timings && !result.skipped) io.stderr.write(`  ${formatTimings(result.timings)}\n`)
    }
    drawBar()
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs)
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs must be a whole number of briefs, 1 or more, got \`${values.jobs}\``)
  const timeout = seconds(values.timeout, '--timeout')
  const report = await build({
    paths: positionals,
    out: values.out,
    formats,
    csl: values.csl,
    timeout,
    allowRemote: values['allow-remote'],
    allowMisplacedNotes: values['allow-misplaced-notes'],
    force: values.force,
    jobs,
    // A brief's parse runs in a worker thread, which --timeout and Ctrl-C end at once.
    isolate: true,
    signal: io.signal,
    onStart,
    onBrief,
  })
  // Ctrl-C after the last brief was written still means "interrupted": exit 130, not 0.
  if (io.signal?.aborted) throw new CancelledError('Interrupted')
  if (values.json) {
    const data = report.briefs.map((r) => ({
      slug: r.brief.slug,
      file: r.brief.file,
      ok: r.ok,
      skipped: Boolean(r.skipped),
      ...(r.stale?.length ? { stale: r.stale } : {}),
      time: Math.round(r.time),
      outputs: r.outputs,
      ...(r.layout ? { pages: r.layout.pages } : {}),
      ...(r.timings && !r.skipped ? { timings: roundTimings(r.timings) } : {}),
      messages: r.messages.map(messageData),
    }))
    io.stdout.write(JSON.stringify({ ok: report.ok, time: Math.round(report.time), timings: roundTimings(report.timings), briefs: data }, null, 2) + '\n')
  } else {
    if (report.briefs.length > 1) io.stderr.write(summaryLine(report.briefs, report.time) + '\n')
    if (values.timings) io.stderr.write(`run: ${formatTimings({ ...report.timings, total: report.time })}\n`)
  }
  return report.ok ? 0 : 1
}
