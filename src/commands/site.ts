/**
 * `brief site [paths…]`: the command line's side of src/site/site.ts (flags, one line per
 * brief, the summary).
 */
import path from 'node:path'
import { parseFormats } from '../core/build.ts'
import { defaultReportStyle, formatMessage } from '../report.ts'
import { buildSite } from '../site/site.ts'
import { CancelledError, UsageError } from '../errors.ts'
import { defineCommand, type FlagValues, type Flags } from './command.ts'
import type { CommandIO } from './io.ts'

const flags = {
  out: { type: 'string', value: 'DIR', help: 'the site folder (default: site)' },
  'base-url': { type: 'string', value: 'URL', help: 'the address the site is served from, e.g. https://www.issi.org.pk/briefs/:\ncanonical URLs, absolute feed links, sitemap.xml and robots.txt' },
  format: { type: 'string', value: 'LIST', help: 'formats to build and publish (default: html,epub; add pdf to print\nPDFs: slow; a PDF `brief build` made and still current is published anyway)' },
  force: { type: 'boolean', help: 'rebuild every brief and remake every page' },
  jobs: { type: 'string', value: 'N', help: 'briefs built at once (default: one per core, at most 4)' },
} satisfies Flags

export const command = defineCommand({
  name: 'site',
  arguments: '[paths…]',
  description: `Publishes briefs as a static website: a page per brief (its web page, PDF and EPUB, and
"Cite this brief"), an index, author, keyword and year pages, offline search, an Atom feed,
briefs.json, and with --base-url a sitemap and robots.txt. The briefs are built into output/
first, as brief build does; unchanged briefs are not built again, and a page is written only
when it changes. See docs/site.md.`,
  flags,
  epilogue: `Example:
  brief site --base-url https://www.issi.org.pk/briefs/     every brief under briefs/, into site/`,
  run,
})

async function run({ flags: values, positionals }: { flags: FlagValues<typeof flags>; positionals: string[] }, io: CommandIO): Promise<number> {
  const style = defaultReportStyle(io.stderr)
  const formats = values.format ? parseFormats(values.format) : undefined
  if (formats?.includes('docx')) throw new UsageError('The site publishes web pages, EPUBs and PDFs, not Word documents', { hint: 'Use --format html,epub,pdf' })
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs)
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs must be a whole number of briefs, 1 or more, got \`${values.jobs}\``)
  const report = await buildSite({
    paths: positionals,
    out: values.out,
    baseUrl: values['base-url'],
    formats,
    force: values.force,
    jobs,
    signal: io.signal,
    onBrief: (result) => {
      for (const message of result.messages) io.stderr.write(formatMessage(message, style) + '\n')
      if (!result.ok) io.stderr.write(`${result.brief.slug}: not built (errors above); its last page stays\n`)
    },
  })
  if (io.signal?.aborted) throw new CancelledError('Interrupted')
  for (const note of report.notes) io.stderr.write(`note: ${note}\n`)
  const out = path.relative(process.cwd(), path.resolve(values.out ?? 'site')) || '.'
  const built = report.briefs.filter((r) => r.ok && !r.skipped).length
  io.stderr.write(
    `${out}/: ${report.published} briefs published (${built} built, ${report.briefs.filter((r) => r.skipped).length} up to date, ${report.briefs.filter((r) => !r.ok).length} failed); ` +
      `${report.written.length} files written, ${report.removed.length} removed in ${((report.time.build + report.time.site) / 1000).toFixed(1)} s (build ${(report.time.build / 1000).toFixed(1)} s, site ${(report.time.site / 1000).toFixed(1)} s)\n`,
  )
  return report.ok ? 0 : 1
}
