/**
 * The YAML mistakes authors make in front matter, said in their words. The `yaml` library
 * describes what its parser met ("Nested mappings are not allowed in compact mappings"); an
 * author needs what was wrong with the line they wrote and the line as it should be
 * (`title: "Pakistan-Afghanistan: Resetting Ties"`). Two mistakes parse without an error and
 * are caught from the values instead: list items written without `- ` (one author named
 * "Amina Khan Bilal Ahmed") and a ` #` that starts a comment in the middle of a title.
 *
 * Glossary: a *line* is a line of the YAML block; an *entry* is a line of the shape
 * `key: value`, perhaps as a list item (`- key: value`); *offsets* count from the block's
 * start, and the caller turns them into places in the brief.
 */
import { isScalar, isSeq, type Node as YamlNode, type YAMLError } from 'yaml'
import { messages } from '../messages.ts'

export interface YamlProblem {
  reason: string
  /** Where to point, in the YAML block. */
  offset: number
  /** An error (the brief is not built) or a warning. */
  fatal: boolean
}

interface Line {
  text: string
  start: number
  /** 0-based. */
  index: number
}

interface Entry {
  indent: string
  /** `- ` and the spaces after it, when the entry is a list item. */
  dash: string
  key: string
  value: string
}

/** `key: value`, perhaps as a list item; the value is the rest of the line, trimmed. */
const entryPattern = /^(\s*)(-\s+)?([A-Za-z_][\w .-]*?):(?:\s+(.*?))?\s*$/

function entryOf(text: string): Entry | undefined {
  const match = entryPattern.exec(text)
  return match ? { indent: match[1]!, dash: match[2] ?? '', key: match[3]!, value: match[4] ?? '' } : undefined
}

function linesOf(yaml: string): Line[] {
  let start = 0
  return yaml.split('\n').map((text, index) => {
    const line = { text, start, index }
    start += text.length + 1
    return line
  })
}

/** The last of `items` that passes `test` (Array#findLast is ES2023, past this project's lib). */
function lastWhere<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i]
  return undefined
}

function lineAt(lines: Line[], offset: number): Line {
  return lastWhere(lines, (line) => line.start <= offset) ?? lines[0]!
}

/** The value in double quotes, escaped as YAML reads it back. */
const quoted = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

const written = (entry: Entry, value: string) => `${entry.dash}${entry.key}: ${value}`

/** A quoted value's text without its quotes, read as the author meant it. */
function unquote(value: string, mark: string): string {
  const inner = value.slice(1, value.endsWith(mark) && value.length > 1 ? -1 : undefined)
  return mark === '\'' ? inner.replace(/''/g, '\'') : inner.replace(/\\"/g, '"')
}

/** `title: 'Pakistan's policy'` → `title: "Pakistan's policy"`; `"a "b" c"` → `"a \"b\" c"`. */
function requoted(entry: Entry): string {
  const mark = entry.value[0]!
  return written(entry, quoted(unquote(entry.value, mark)))
}

/** Does a value that starts with `mark` close it on its own line? */
function closes(value: string, mark: string): boolean {
  for (let i = 1; i < value.length; i++) {
    // Inside "…" a backslash escapes the next character; inside '…' a quote is written twice.
    if (mark === '"' && value[i] === '\\') i++
    else if (value[i] === mark) {
      if (mark === '\'' && value[i + 1] === '\'') i++
      else return true
    }
  }
  return false
}

/**
 * What each parse error means, one message a line (one mistake often gives several errors on
 * its line). `lineNumber` turns an offset into the brief's line number, for messages that
 * name another line.
 */
export function explainYamlErrors(yaml: string, errors: readonly YAMLError[], lineNumber: (offset: number) => number): YamlProblem[] {
  const lines = linesOf(yaml)
  const problems: YamlProblem[] = []
  const said = new Set<number>()
  for (const error of errors) {
    const problem = explain(lines, error, lineNumber)
    const line = lineAt(lines, problem.offset).index
    if (said.has(line)) continue
    said.add(line)
    problems.push(problem)
  }
  return problems
}

/** The parser's own words, for a mistake this module has none for. */
const parserWords = (error: YAMLError): YamlProblem => ({
  reason: messages.frontMatterSyntax(error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')),
  offset: error.pos[0],
  fatal: true,
})

function explain(lines: Line[], error: YAMLError, lineNumber: (offset: number) => number): YamlProblem {
  try {
    return explainLine(lines, error, lineNumber)
  } catch {
    // Words are a help; a line this module misreads must still get the parser's message.
    return parserWords(error)
  }
}

function explainLine(lines: Line[], error: YAMLError, lineNumber: (offset: number) => number): YamlProblem {
  const at = error.pos[0]
  const line = lineAt(lines, at)
  const entry = entryOf(line.text)
  const fail = (reason: string, offset = at): YamlProblem => ({ reason, offset, fatal: true })

  // A tab in the indentation: the yaml library says so, but not what to do.
  if (error.code === 'TAB_AS_INDENT' || /^\s*\t/.test(line.text)) return fail(messages.yamlTabIndent(), line.start + line.text.indexOf('\t'))

  if (error.message.startsWith('Missing closing')) {
    const mark = error.message.includes('"') ? '"' : '\''
    // The parser notices at the end of the block; the mistake is where the quote opened.
    const opened = lines.slice(0, line.index + 1).find((l) => {
      const e = entryOf(l.text)
      return e?.value.startsWith(mark) && !closes(e.value, mark)
    })
    const openEntry = opened && entryOf(opened.text)
    if (opened && openEntry) {
      return fail(messages.yamlUnclosedQuote(openEntry.key, mark, written(openEntry, `${openEntry.value}${mark}`)), opened.start + opened.text.indexOf(mark, openEntry.indent.length + openEntry.dash.length + openEntry.key.length))
    }
  }

  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && entry) return fail(messages.yamlColonInValue(entry.key, written(entry, quoted(entry.value))))

  if (error.code === 'BAD_SCALAR_START' && entry) {
    const start = entry.value[0] ?? ''
    return fail(messages.yamlReservedStart(entry.key, start, written(entry, quoted(entry.value))))
  }

  if (error.code === 'DUPLICATE_KEY' && entry) {
    const first = lines.find((l) => {
      const e = entryOf(l.text)
      return l.index < line.index && e?.key === entry.key && e.indent.length + e.dash.length === entry.indent.length + entry.dash.length
    })
    if (first) return fail(messages.yamlDuplicateKey(entry.key, lineNumber(first.start)))
  }

  if (error.code === 'UNEXPECTED_TOKEN' && entry) {
    const start = entry.value[0]
    if (start === '"' || start === '\'') return fail(messages.yamlQuoteClosedEarly(entry.key, start, requoted(entry)), line.start + line.text.indexOf(start))
    if (start === '[' || start === '{' || entry.value.startsWith('- ')) {
      return fail(messages.yamlReservedStart(entry.key, start === '-' ? '- ' : start!, written(entry, quoted(entry.value))), line.start + line.text.indexOf(entry.value))
    }
  }

  if (error.message.startsWith('Flow sequence') || error.message.startsWith('Flow mapping')) {
    const close = error.message.startsWith('Flow sequence') ? ']' : '}'
    const open = lastWhere(lines.slice(0, line.index + 1), (l) => entryOf(l.text)?.value.startsWith(close === ']' ? '[' : '{') ?? false)
    const openEntry = open && entryOf(open.text)
    if (open && openEntry) return fail(messages.yamlUnclosedList(openEntry.key, openEntry.value[0]!, written(openEntry, quoted(openEntry.value))), open.start + open.text.indexOf(openEntry.value))
  }

  // The rest are lines YAML could not fit in: find which of the lines the error covers is wrong.
  const covered = lines.filter((l) => l.index >= line.index && l.start <= Math.max(at, error.pos[1] - 1))
  for (const candidate of covered) {
    const noSpace = /^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):([^\s/].*)$/.exec(candidate.text)
    if (noSpace) {
      const [, lead, key, value] = noSpace
      return fail(messages.yamlNoSpaceAfterColon(`${key}:${value!.trim()}`, `${key}: ${value!.trim()}`), candidate.start + lead!.length)
    }
  }
  for (const candidate of covered) {
    const trimmed = candidate.text.trim()
    if (!trimmed || trimmed.startsWith('#')) continue
    const before = lastWhere(lines.slice(0, candidate.index), (l) => Boolean(l.text.trim()) && !l.text.trim().startsWith('#'))
    const beforeEntry = before && entryOf(before.text)
    const itemAbove = before && /^(\s*)-\s+(.*)$/.exec(before.text)
    const own = entryOf(candidate.text)
    const indent = candidate.text.length - candidate.text.trimStart().length
    const offset = candidate.start + indent
    if (!own && !trimmed.startsWith('- ') && itemAbove) {
      return fail(messages.yamlListItemWithoutDash(trimmed, `${itemAbove[1]}- ${trimmed}`), offset)
    }
    if (own && !own.dash && beforeEntry?.dash) {
      // A key under a list item `- name: A`: it belongs to the item, so it starts where `name` does.
      const column = beforeEntry.indent.length + beforeEntry.dash.length
      if (indent !== column && indent > beforeEntry.indent.length - 1) {
        return fail(messages.yamlKeyNotAligned(own.key, beforeEntry.key, `${' '.repeat(column)}${trimmed}`), offset)
      }
    }
    if (!own && !trimmed.startsWith('- ')) return fail(messages.yamlStrayLine(trimmed), offset)
    if (error.code === 'BAD_INDENT' || error.message.startsWith('Sequence item without')) return fail(messages.yamlBadIndent(), offset)
  }
  if (error.code === 'BAD_INDENT') return fail(messages.yamlBadIndent())
  return parserWords(error)
}

/**
 * A front matter that is one line of text instead of a mapping: `title:X` (no space after the
 * colon) is not a key, so the whole block reads as a sentence. Undefined when that is not why.
 */
export function explainNotMapping(yaml: string): YamlProblem | undefined {
  for (const line of linesOf(yaml)) {
    const noSpace = /^(\s*)([A-Za-z_][\w-]*):([^\s/].*)$/.exec(line.text)
    if (noSpace) {
      const [, lead, key, value] = noSpace
      return { reason: messages.yamlNoSpaceAfterColon(`${key}:${value!.trim()}`, `${key}: ${value!.trim()}`), offset: line.start + lead!.length, fatal: true }
    }
  }
  return undefined
}

/** Keys whose value is a list, where a line without `- ` joins the item above. */
const listKeys = new Set(['author', 'bibliography', 'keywords'])
/** Keys printed as prose, where a ` #` cuts the text short. */
const textKeys = new Set(['title', 'subtitle', 'abstract', 'disclaimer', 'reference-section-title', 'type'])

/**
 * Values YAML read without complaint but not as written: a list whose items have no `- `
 * (they run on into one value), and a title cut short by ` #`.
 */
export function misreadValue(key: string, node: YamlNode | null, yaml: string): YamlProblem | undefined {
  if (listKeys.has(key)) {
    const items = isSeq(node) ? node.items : [node]
    for (const item of items) {
      if (!isScalar(item) || item.type !== 'PLAIN' || !item.range || typeof item.value !== 'string') continue
      const source = yaml.slice(item.range[0], item.range[1])
      if (!source.includes('\n')) continue
      // `keywords: Pakistan, Afghanistan,` over two lines is still a comma-separated list.
      if (key === 'keywords' && item.value.includes(',')) continue
      const parts = source.split('\n').map((part) => part.trim()).filter(Boolean)
      return { reason: messages.yamlRunOnList(key, item.value, parts.map((part) => `- ${part}`)), offset: item.range[0], fatal: true }
    }
  }
  if (textKeys.has(key) && isScalar(node) && node.type === 'PLAIN' && node.range && node.comment !== undefined) {
    const lineEnd = yaml.indexOf('\n', node.range[1])
    const rest = yaml.slice(node.range[1], lineEnd < 0 ? undefined : lineEnd)
    // `# a comment` is one on purpose; `#1` or `#Pakistan` is the text going on.
    const hash = /^\s+#(\S.*)$/.exec(rest)
    if (hash) {
      const whole = `${String(node.value)} #${hash[1]!.trimEnd()}`
      return { reason: messages.yamlHashComment(key, String(node.value), `${key}: ${quoted(whole)}`), offset: node.range[1] + rest.indexOf('#'), fatal: false }
    }
  }
  return undefined
}
