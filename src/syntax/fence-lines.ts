/**
 * Pandoc's fenced divs line by line, as pandoc reads them: what follows an opening fence's
 * colons, and whether a `:::` line inside a div closes it. ./fenced-divs.ts parses with these.
 */
import { decodeString } from 'micromark-util-decode-string'
import { parseAttributes } from '../typeset/attributes.ts'

/** What follows the colons of an opening fence: an attribute block or a word, then colons. */
const info = /^[ \t]*(\{[^{}]*\}|[A-Za-z][\w-]*)[ \t]*:*[ \t]*$/

/**
 * The attributes of an opening fence, from what follows its colons; undefined when that is no
 * opening fence. Values may hold character references (`title="A &amp; B"`), as in pandoc.
 */
export function fenceAttributes(rest: string): Record<string, string> | undefined {
  const what = info.exec(rest)?.[1]
  if (!what) return undefined
  if (!what.startsWith('{')) return { class: what }
  const parsed = parseAttributes(what)
  if (!parsed) return undefined
  const { class: classValue, ...values } = parsed.values
  const classes = [...parsed.classes, ...(classValue ?? '').split(/\s+/).filter(Boolean)]
  const attributes: Record<string, string> = {}
  for (const [key, value] of Object.entries(values)) attributes[key] = decodeString(value)
  if (parsed.id) attributes.id = parsed.id
  if (classes.length) attributes.class = classes.join(' ')
  return attributes
}

const openingLine = /^ {0,3}(:{3,})(.*)$/
const closingLine = /^ {0,3}:{3,}[ \t]*$/
const codeFence = /^ {0,3}(`{3,}|~{3,})/

/**
 * A div's content, line by line: whether a `:::` on the next line would close the div, as
 * pandoc decides it (not inside a fenced code block or an HTML comment, not while a div opened
 * inside is still open).
 */
export class ContentLines {
  private code: string | undefined
  private comment = false
  private depth = 0

  get closes(): boolean {
    return !this.code && !this.comment && this.depth === 0
  }

  read(line: string): void {
    const code = codeFence.exec(line)?.[1]
    // A code block closes only at a bare fence at least as long as its own (` ```js ` inside it is code).
    if (code && (!this.code || (code[0] === this.code[0] && code.length >= this.code.length && /^\s*[`~]+\s*$/.test(line)))) {
      this.code = this.code ? undefined : code
      return
    }
    if (this.code) return
    // Inside an HTML comment, `:::` lines are commented out.
    if (this.comment || /^\s*<!--/.test(line)) {
      this.comment = !line.slice(this.comment ? 0 : line.indexOf('<!--') + 4).includes('-->')
      return
    }
    const opening = openingLine.exec(line)
    if (opening && fenceAttributes(opening[2]!)) this.depth++
    else if (closingLine.test(line) && this.depth) this.depth--
  }
}
