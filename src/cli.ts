/**
 * The `brief` command line: dispatch only. Each command is one definition (commands/command.ts:
 * its flags, help and run) that calls the core; this wrapper maps known errors to clean messages and exit codes, and never calls
 * process.exit (the caller sets process.exitCode).
 */
import type { Command } from './commands/command.ts'
import type { CommandIO } from './commands/io.ts'
import { BriefError, CancelledError, UsageError } from './errors.ts'
import { nearest } from './text/nearest.ts'
import { defaultReportStyle, formatError } from './report.ts'
import { version } from './version.ts'

const help = `Usage: brief <command> [options]

Turns Markdown briefs with CSL citations into the ISSI Issue Brief.

Commands:
  new "Title"        start a brief from the template (see brief new --help)
  check [paths…]     check briefs without building them (see brief check --help)
  build [paths…]     build briefs into PDF, HTML and EPUB (see brief build --help)
  bib [paths…]       regenerate bibliographies, or convert sources (see brief bib --help)
  watch [path]       live preview of a brief while you write it (see brief watch --help)
  site [paths…]      publish the briefs as a static website (see brief site --help)

Options:
  -h, --help         show this help
  -v, --version      show the version
`

// Commands load on demand: `brief --version` should not wait for the browser stack.
const commands: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build.ts')).command,
  check: async () => (await import('./commands/check.ts')).command,
  new: async () => (await import('./commands/new.ts')).command,
  bib: async () => (await import('./commands/bib.ts')).command,
  watch: async () => (await import('./commands/watch.ts')).command,
  site: async () => (await import('./commands/site.ts')).command,
}

export async function main(argv: string[], io?: CommandIO): Promise<number> {
  // Ctrl-C or SIGTERM cancels the run: the browser is closed, temporary files removed, exit
  // 130 or 143 (128 and the signal's number, as a shell reports a process the signal ended).
  const controller = new AbortController()
  let code = 130
  const cancel = (signal: NodeJS.Signals) => {
    code = signal === 'SIGTERM' ? 143 : 130
    controller.abort(new CancelledError('Interrupted'))
  }
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  try {
    const exit = await run(argv, io ?? { stdout: process.stdout, stderr: process.stderr, signal: controller.signal })
    return exit === 130 && controller.signal.aborted ? code : exit
  } finally {
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
  }
}

/** A flag parseArgs refused, explained with the command's own flags. */
async function flagError(name: string, detail: string, code: string): Promise<UsageError> {
  const flag = /'(-{1,2}[\w-]+)/.exec(detail)?.[1]
  const flags = [...((await commands[name]?.())?.flags ?? []), '--help']
  const hint = `See brief ${name} --help`
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
    const near = nearest(flag, flags)
    return new UsageError(`\`brief ${name}\` has no option \`${flag}\`${near.length ? ` (did you mean \`${near[0]}\`?)` : ''}`, { hint: `Its options: ${flags.join(', ')}` })
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) return new UsageError(`Option \`${flag}\` of \`brief ${name}\` needs a value`, { hint })
  return new UsageError(`\`brief ${name}\` does not take that argument: ${detail.split('.')[0]}`, { hint })
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
    if (!command) {
      const near = nearest(name, Object.keys(commands))
      throw new UsageError(`Unknown command \`${name}\`${near.length ? ` (did you mean \`${near[0]}\`?)` : ''}`, { hint: `Commands: ${Object.keys(commands).join(', ')}; see brief --help` })
    }
    return await (await command()).run(rest, io)
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
    // parseArgs reports unknown or malformed flags with these codes, in words meant for
    // programmers ("place it at the end of the command after '--'"): say it in ours.
    const code = (error as { code?: string }).code
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      io.stderr.write(formatError(await flagError(name ?? '', (error as Error).message, code), style) + '\n')
      return 2
    }
    throw error
  }
}
