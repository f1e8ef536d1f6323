/**
 * `brief bib [paths…] [--style NAME|FILE] [--to md|html|txt|csl-json|bibtex|ris] [--all] [--out FILE]`
 */
import { parseArgs } from 'node:util'
import path from 'node:path'
import { bibFormats, formatBibliography, type BibFormat } from '../core/bib.ts'
import { writeAtomic } from '../core/write.ts'
import { defaultReportStyle, formatMessage } from '../report.ts'
import type { CommandIO } from './io.ts'

export const bibHelp = `Usage: brief bib [paths…] [options]

Regenerates the bibliography of one or more briefs from their sources: the sources they cite,
merged across briefs, in a style, or the data itself in another format.

Options:
  --style NAME|FILE  citation style (default: brief.config.yaml's csl)
  --to FORMAT        ${bibFormats.join(', ')} (default: md)
  --all              every source of the briefs' files, not only the cited ones
  --out FILE         write to FILE instead of standard output
  -h, --help         show this help

Examples:
  brief bib briefs/2025-04-07-pakistan-afghanistan-resetting-ties --style apa
  brief bib --all --to bibtex --out library.bib
`

export async function bibCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      style: { type: 'string' },
      to: { type: 'string', default: 'md' },
      all: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout.write(bibHelp)
    return 0
  }
  const result = await formatBibliography({ paths: positionals, style: values.style, to: values.to as BibFormat, all: values.all })
  const style = defaultReportStyle(io.stderr)
  for (const message of result.messages) io.stderr.write(formatMessage(message, style) + '\n')
  if (values.out) {
    await writeAtomic(path.resolve(values.out), result.text)
    io.stderr.write(`Wrote ${result.count} sources to ${values.out}\n`)
  } else io.stdout.write(result.text)
  return result.messages.some((m) => m.fatal) ? 1 : 0
}
