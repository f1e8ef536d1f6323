/**
 * `brief check [paths…]`: the command line's side of core/check.ts.
 */
import { check } from '../core/check.ts'
import { defaultReportStyle, formatMessage, messageData } from '../report.ts'
import { defineCommand, type FlagValues, type Flags } from './command.ts'
import type { CommandIO } from './io.ts'

const flags = {
  json: { type: 'boolean', help: 'print the messages as JSON on stdout' },
  strict: { type: 'boolean', help: 'exit 1 on warnings too' },
} satisfies Flags

export const command = defineCommand({
  name: 'check',
  arguments: '[paths…]',
  description: `Checks briefs without building them: citation keys, front matter, footnotes, sources and
what the style needs from them, images and linked files. Nothing is written.`,
  flags,
  epilogue: `Example:
  brief check briefs/2025-04-07-pakistan-afghanistan-resetting-ties`,
  run,
})

async function run({ flags: values, positionals }: { flags: FlagValues<typeof flags>; positionals: string[] }, io: CommandIO): Promise<number> {
  const results = await check({ paths: positionals })
  const style = defaultReportStyle(io.stderr)
  const failed = results.some((r) => !r.ok) || (values.strict && results.some((r) => r.messages.length))
  if (values.json) {
    const data = results.map((r) => ({
      slug: r.brief.slug,
      file: r.brief.file,
      ok: r.ok,
      messages: r.messages.map(messageData),
    }))
    io.stdout.write(JSON.stringify({ ok: !failed, briefs: data }, null, 2) + '\n')
  } else {
    for (const result of results) {
      for (const message of result.messages) io.stderr.write(formatMessage(message, style) + '\n')
      const errors = result.messages.filter((m) => m.fatal).length
      const warnings = result.messages.length - errors
      io.stderr.write(`${result.brief.slug}: ${errors ? `${errors} error${errors > 1 ? 's' : ''}` : 'no errors'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`)
    }
  }
  return failed ? 1 : 0
}
