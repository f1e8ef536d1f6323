/**
 * `brief new "Title"`: the command line's side of core/new.ts.
 */
import path from 'node:path'
import { newBrief } from '../core/new.ts'
import { UsageError } from '../errors.ts'
import { defineCommand, type FlagValues, type Flags } from './command.ts'
import type { CommandIO } from './io.ts'

const flags = {
  author: { type: 'string', multiple: true, value: 'NAME', help: 'an author (repeat for several)' },
  date: { type: 'string', value: 'YYYY-MM-DD', help: "the brief's date (default: today)" },
  type: { type: 'string', value: 'LABEL', help: "series label (default: brief.config.yaml's type)" },
  template: { type: 'string', value: 'NAME', help: "layout template (default: brief.config.yaml's template)" },
  slug: { type: 'string', value: 'NAME', help: 'the folder\'s name after the date (default: from the title;\nneeded for a title in another script than Latin)' },
} satisfies Flags

export const command = defineCommand({
  name: 'new',
  arguments: '"Title"',
  description: `Starts a brief: briefs/<date>-<title-in-lower-case>/ with brief.md (front matter filled in,
a skeleton that shows every citation form) and an empty references.bib. Never overwrites.`,
  flags,
  epilogue: `Example:
  brief new "Pakistan-Afghanistan: Resetting Ties" --author "Amina Khan" --date 2025-04-07
                       → briefs/2025-04-07-pakistan-afghanistan-resetting-ties/`,
  run,
})

async function run({ flags: values, positionals }: { flags: FlagValues<typeof flags>; positionals: string[] }, io: CommandIO): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('Give the title in quotes, once', { hint: 'brief new "Pakistan-Afghanistan: Resetting Ties"' })
  const folder = await newBrief({ title: positionals[0]!, authors: values.author, date: values.date, type: values.type, template: values.template, slug: values.slug })
  const relative = path.relative(process.cwd(), folder)
  io.stderr.write(`Created ${relative}/brief.md and ${relative}/references.bib\nNext: write the brief, then  brief check ${relative}  and  brief build ${relative}\n`)
  return 0
}
