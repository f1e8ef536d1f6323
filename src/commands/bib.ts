/**
 * `brief bib [paths…]`: the command line's side of core/bib.ts.
 */
import path from 'node:path'
import { bibFormats, formatBibliography, type BibFormat } from '../core/bib.ts'
import { writeAtomic } from '../core/write.ts'
import { defaultReportStyle, formatMessage } from '../report.ts'
import { defineCommand, type FlagValues, type Flags } from './command.ts'
import type { CommandIO } from './io.ts'

const flags = {
  style: { type: 'string', value: 'NAME|FILE', help: "citation style (default: brief.config.yaml's csl)" },
  to: { type: 'string', value: 'FORMAT', help: `${bibFormats.join(', ')} (default: md)` },
  all: { type: 'boolean', help: "every source of the briefs' files, not only the cited ones" },
  out: { type: 'string', value: 'FILE', help: 'write to FILE instead of standard output' },
} satisfies Flags

export const command = defineCommand({
  name: 'bib',
  arguments: '[paths…]',
  description: `Regenerates the bibliography of one or more briefs from their sources: the sources they cite,
merged across briefs, in a style, or the data itself in another format.`,
  flags,
  epilogue: `Examples:
  brief bib briefs/2025-04-07-pakistan-afghanistan-resetting-ties --style apa
  brief bib --all --to bibtex --out library.bib`,
  run,
})

async function run({ flags: values, positionals }: { flags: FlagValues<typeof flags>; positionals: string[] }, io: CommandIO): Promise<number> {
  const result = await formatBibliography({ paths: positionals, style: values.style, to: (values.to ?? 'md') as BibFormat, all: values.all })
  const style = defaultReportStyle(io.stderr)
  for (const message of result.messages) io.stderr.write(formatMessage(message, style) + '\n')
  if (values.out) {
    await writeAtomic(path.resolve(values.out), result.text)
    io.stderr.write(`Wrote ${result.count} sources to ${values.out}\n`)
  } else io.stdout.write(result.text)
  return result.messages.some((m) => m.fatal) ? 1 : 0
}
