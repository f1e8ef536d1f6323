/**
 * The `brief` command line: dispatch only. Each command parses its own flags and calls the
 * core; this wrapper maps known errors to clean messages and exit codes, and never calls
 * process.exit (the caller sets process.exitCode).
 */
import type { CommandIO } from './commands/io.ts'
import { BriefError, CancelledError, UsageError } from './errors.ts'
import { defaultReportStyle, formatError } from './report.ts'
import { version } from './version.ts'

const help = `Usage: brief <command> [options]

Turns Markdown briefs with CSL citations into the ISSI Issue Brief.

Commands:
  new "Title"        start a brief from the template (see brief new --help)
  check [paths…]     check briefs without building them (see brief check --help)
  build [paths…]     build briefs into PDF, HTML and EPUB (see brief build --help)
  bib [paths…]       regenerate bibliographies, or convert sources (see brief bib --help)

Options:
  -h, --help         show this help
  -v, --version      show the version
`

// Commands load on demand: `brief --version` should not wait for the browser stack.
const commands: Record<string, () => Promise<(argv: string[], io: CommandIO) => Promise<number>>> = {
  build: async () => (await import('./commands/build.ts')).buildCommand,
  check: async () => (await import('./commands/check.ts')).checkCommand,
  new: async () => (await import('./commands/new.ts')).newCommand,
  bib: async () => (await import('./commands/bib.ts')).bibCommand,
}

export async function main(argv: string[], io?: CommandIO): Promise<number> {
  // Ctrl-C or SIGTERM cancels the run: the browser is closed, temporary files removed, exit 130.
  const controller = new AbortController()
  const cancel = () => controller.abort(new CancelledError('Interrupted'))
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  try {
    return await run(argv, io ?? { stdout: process.stdout, stderr: process.stderr, signal: controller.signal })
  } finally {
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
  }
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(help)
      return name ? 0 : 2
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${version}\n`)
      return 0
    }
    const command = commands[name]
    if (!command) throw new UsageError(`Unknown command \`${name}\``, { hint: `Commands: ${Object.keys(commands).join(', ')}; see brief --help` })
    return await (await command())(rest, io)
  } catch (error) {
    const style = defaultReportStyle(process.stderr)
    if (io.signal?.aborted) {
      io.stderr.write('Interrupted; no partial files were left.\n')
      return 130
    }
    if (error instanceof BriefError) {
      io.stderr.write(formatError(error, style) + '\n')
      return error.exitCode
    }
    // parseArgs reports unknown or malformed flags with these codes.
    const code = (error as { code?: string }).code
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      io.stderr.write(formatError(new UsageError((error as Error).message, { hint: `See brief ${name} --help` }), style) + '\n')
      return 2
    }
    throw error
  }
}
