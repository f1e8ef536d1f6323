/**
 * `brief check [paths…] [--json] [--strict]`
 */
import { parseArgs } from 'node:util'
import { check } from '../core/check.ts'
import { defaultReportStyle, formatMessage } from '../report.ts'
import type { CommandIO } from './io.ts'

export const checkHelp = `Usage: brief check [paths…] [options]

Checks briefs without building them: citation keys, front matter, footnotes, sources and
what the style needs from them, images and linked files. Nothing is written.

Options:
  --json       print the messages as JSON on stdout
  --strict     exit 1 on warnings too
  -h, --help   show this help

Example:
  brief check briefs/2025-04-07-pakistan-afghanistan-resetting-ties
`

export async function checkCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout.write(checkHelp)
    return 0
  }
  const results = await check({ paths: positionals })
  const style = defaultReportStyle(io.stderr)
  const failed = results.some((r) => !r.ok) || (values.strict && results.some((r) => r.messages.length))
  if (values.json) {
    const data = results.map((r) => ({
      slug: r.brief.slug,
      file: r.brief.file,
      ok: r.ok,
      messages: r.messages.map((m) => ({ file: m.file, line: m.line, column: m.column, severity: m.fatal ? 'error' : 'warning', message: m.reason, rule: m.ruleId })),
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
