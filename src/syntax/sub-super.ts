/**
 * Pandoc's subscript and superscript, `CO~2~` and `10^3^`, read by the Markdown parser itself
 * (a micromark syntax extension and its mdast-util-from-markdown counterpart), so the text
 * around them and inside them keeps its exact place in brief.md.
 *
 * As in pandoc the marked text is not empty and has no spaces (`H~2~O`, not `~two words~`;
 * a space escaped as `\ ` is one), and strikethrough needs two tildes (`~~gone~~`, remark-gfm
 * with `singleTilde: false`). The marked text is plain text: it may hold escapes (`\~`) and
 * character references (`&amp;`), and it never runs into code, HTML, a link or a note (a `` ` ``,
 * `<`, `[` or `]` inside ends the attempt, and the marks print as written).
 *
 * The nodes are `subscript` and `superscript` (src/types/tree.ts), drawn as `sub` and `sup`.
 */
import type { Extension as FromMarkdownExtension, CompileContext, Token as CompileToken } from 'mdast-util-from-markdown'
import { markdownLineEndingOrSpace } from 'micromark-util-character'
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types'
import type { SubSuper } from '../types/tree.ts'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    subscript: 'subscript'
    superscript: 'superscript'
    subSuperMarker: 'subSuperMarker'
    subSuperText: 'subSuperText'
  }
}

const tilde = 126
const caret = 94
const backslash = 92
const ampersand = 38
const space = 32

/** Characters that end the attempt: the marked text never runs into code, HTML, links or notes. */
const barriers = new Set([96, 60, 91, 93])

/** `\ `, pandoc's escaped space, as the parser gives an escape: marker and value. */
const spaceEscape: Construct = { tokenize: tokenizeSpaceEscape, partial: true }

function tokenizeSpaceEscape(effects: Effects, ok: State, nok: State): State {
  return (code) => {
    effects.enter('characterEscape')
    effects.enter('escapeMarker')
    effects.consume(code)
    effects.exit('escapeMarker')
    return (next: Code) => {
      if (next !== space) return nok(next)
      effects.enter('characterEscapeValue')
      effects.consume(next)
      effects.exit('characterEscapeValue')
      effects.exit('characterEscape')
      return ok
    }
  }
}

function mark(marker: number, type: 'subscript' | 'superscript'): Construct {
  return { name: type, tokenize }

  function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const self = this
    let size = 0
    let inData = false
    return start

    function start(code: Code): State | undefined {
      effects.enter(type)
      effects.enter('subSuperMarker')
      effects.consume(code)
      effects.exit('subSuperMarker')
      effects.enter('subSuperText')
      return inside
    }

    function inside(code: Code): State | undefined {
      if (code === marker) {
        if (!size) return nok(code)
        endData()
        effects.exit('subSuperText')
        effects.enter('subSuperMarker')
        effects.consume(code)
        effects.exit('subSuperMarker')
        effects.exit(type)
        return ok
      }
      if (code === null || markdownLineEndingOrSpace(code) || barriers.has(code)) return nok(code)
      size++
      if (code === backslash) {
        endData()
        return effects.attempt(constructs(backslash), inside, escapedSpace)(code)
      }
      if (code === ampersand) {
        endData()
        return effects.attempt(constructs(ampersand), inside, data)(code)
      }
      return data(code)
    }

    function data(code: Code): State | undefined {
      if (!inData) effects.enter('data')
      inData = true
      effects.consume(code)
      return inside
    }

    function endData(): void {
      if (inData) effects.exit('data')
      inData = false
    }

    /** `\ ` is a space, as in pandoc; a backslash before anything else is itself. */
    function escapedSpace(code: Code): State | undefined {
      return effects.attempt(spaceEscape, inside, data)(code)
    }

    /** The text constructs the parser has at `code`: CommonMark's escapes and character references. */
    function constructs(code: number): Construct | Construct[] {
      return self.parser.constructs.text[code] ?? []
    }
  }
}

/** The micromark syntax extension. */
export function subSuper(): Extension {
  return { text: { [tilde]: mark(tilde, 'subscript'), [caret]: mark(caret, 'superscript') } }
}

/** The mdast-util-from-markdown extension: `subscript` and `superscript` nodes. */
export function subSuperFromMarkdown(): FromMarkdownExtension {
  const enter = (type: 'subscript' | 'superscript') =>
    function (this: CompileContext, token: CompileToken) {
      const node: SubSuper = { type, data: { hName: type === 'subscript' ? 'sub' : 'sup' }, children: [] }
      this.enter(node, token)
    }
  const exit = function (this: CompileContext, token: CompileToken) {
    this.exit(token)
  }
  return { enter: { subscript: enter('subscript'), superscript: enter('superscript') }, exit: { subscript: exit, superscript: exit } }
}
