/**
 * One definition per command: its usage, its flags (each with the help line it prints) and
 * what it runs. The flags are parsed, `--help` is answered and the help text is written here,
 * from the definition, so a flag cannot be parsed without being documented, nor documented
 * without being parsed.
 */
import { parseArgs } from 'node:util'
import { UsageError } from '../errors.ts'
import type { CommandIO } from './io.ts'

export interface Flag {
  type: 'string' | 'boolean'
  /** May be given several times (`--author A --author B`). */
  multiple?: boolean
  /** What the value is called in the help (`--out DIR`). */
  value?: string
  /** The help text; `\n` starts a new line in the help's description column. */
  help: string
}

export type Flags = Record<string, Flag>

/** The parsed flags: strings, booleans (false when absent) and lists, as each flag declares. */
export type FlagValues<F extends Flags> = {
  [K in keyof F]: F[K]['type'] extends 'boolean' ? boolean : F[K]['multiple'] extends true ? string[] | undefined : string | undefined
}

export interface CommandDefinition<F extends Flags> {
  name: string
  /** What follows the command's name in the usage line, before `[options]`: `[paths…]`. */
  arguments: string
  /** What the command does, for its help (wrapped by hand). */
  description: string
  flags: F
  /** Examples and notes after the options (default: none). */
  epilogue?: string
  run: (args: { flags: FlagValues<F>; positionals: string[] }, io: CommandIO) => Promise<number>
}

export interface Command {
  name: string
  /** The `--help` text. */
  help: string
  /** Every long flag it takes (`--out`), for "did you mean". */
  flags: string[]
  run: (argv: string[], io: CommandIO) => Promise<number>
}

/** Width of the help's flag column. */
const column = 21

function flagLines(name: string, flag: Flag): string {
  const head = `  --${name}${flag.value ? ` ${flag.value}` : ''}`
  const [first, ...rest] = flag.help.split('\n')
  const indent = ' '.repeat(column)
  const lines = head.length < column - 1 ? [head.padEnd(column) + first] : [head, indent + first]
  return [...lines, ...rest.map((line) => indent + line)].join('\n')
}

function helpText<F extends Flags>(definition: CommandDefinition<F>): string {
  const options = [...Object.entries(definition.flags).map(([name, flag]) => flagLines(name, flag)), `${'  -h, --help'.padEnd(column)}show this help`]
  return [
    `Usage: brief ${definition.name} ${definition.arguments ? `${definition.arguments} ` : ''}[options]`,
    '',
    definition.description.trimEnd(),
    '',
    'Options:',
    ...options,
    ...(definition.epilogue ? ['', definition.epilogue.trimEnd()] : []),
    '',
  ].join('\n')
}

export function defineCommand<F extends Flags>(definition: CommandDefinition<F>): Command {
  const help = helpText(definition)
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string; default?: boolean }> = { help: { type: 'boolean', short: 'h', default: false } }
  for (const [name, flag] of Object.entries(definition.flags)) {
    options[name] = { type: flag.type, ...(flag.multiple ? { multiple: true } : {}), ...(flag.type === 'boolean' ? { default: false } : {}) }
  }
  return {
    name: definition.name,
    help,
    flags: Object.keys(definition.flags).map((name) => `--${name}`),
    async run(argv, io) {
      const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options })
      if (values.help) {
        io.stdout.write(help)
        return 0
      }
      return definition.run({ flags: values as FlagValues<F>, positionals }, io)
    },
  }
}

/** A flag's value in seconds, as milliseconds; undefined when the flag is not given. */
export function seconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!(number > 0)) throw new UsageError(`${flag} must be a number of seconds, got \`${value}\``)
  return number * 1000
}
