/**
 * `brief new "Title" [--author NAME…] [--date YYYY-MM-DD] [--type LABEL] [--template NAME]`
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { newBrief } from '../core/new.ts'
import { UsageError } from '../errors.ts'
import type { CommandIO } from './io.ts'

export const newHelp = `Usage: brief new "Title" [options]

Starts a brief: briefs/<date>-<title-in-lower-case>/ with brief.md (front matter filled in,
a skeleton that shows every citation form) and an empty references.bib. Never overwrites.

Options:
  --author NAME      an author (repeat for several)
  --date YYYY-MM-DD  the brief's date (default: today)
  --type LABEL       series label (default: brief.config.yaml's type)
  --template NAME    layout template (default: brief.config.yaml's template)
  -h, --help         show this help

Example:
  brief new "Pakistan-Afghanistan: Resetting Ties" --author "Amina Khan" --date 2025-04-07
`

export async function newCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      author: { type: 'string', multiple: true },
      date: { type: 'string' },
      type: { type: 'string' },
      template: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout.write(newHelp)
    return 0
  }
  if (positionals.length !== 1) throw new UsageError('Give the title in quotes, once', { hint: 'brief new "Pakistan-Afghanistan: Resetting Ties"' })
  const folder = await newBrief({ title: positionals[0]!, authors: values.author, date: values.date, type: values.type, template: values.template })
  const relative = path.relative(process.cwd(), folder)
  io.stderr.write(`Created ${relative}/brief.md and ${relative}/references.bib\nNext: write the brief, then  brief check ${relative}  and  brief build ${relative}\n`)
  return 0
}
