/**
 * Pandoc's inline notes, `text^[The note's own words, citing [@key].]`, read by the Markdown
 * parser itself (a micromark syntax extension and its mdast-util-from-markdown counterpart).
 *
 * Glossary:
 * - call: where `^[` stands; it becomes a `footnoteReference`, as `[^label]` does;
 * - note text: what stands between `^[` and its `]`: inline Markdown of any kind (emphasis,
 *   links, code, citations, brackets as long as they balance), over several lines if need be.
 *   It is parsed as text of its own, so every node in it keeps its exact place in brief.md;
 * - note: a `footnoteDefinition` holding the note text as one paragraph, as pandoc makes one,
 *   placed after the top-level block of its call. remark-number-notes numbers it with the
 *   others, and citations in it are written as in any note of the author's.
 *
 * A note's identifier is `^[1]`, `^[2]`… in the order of the calls: an author's label never
 * holds an unescaped `[`, so the two cannot clash.
 */
import type { FootnoteDefinition, FootnoteReference, Parent, Root } from 'mdast'
import type { CompileContext, Extension as FromMarkdownExtension, Token as CompileToken } from 'mdast-util-from-markdown'
import { asciiPunctuation, markdownLineEnding } from 'micromark-util-character'
import type { Position } from 'unist'
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    inlineNote: 'inlineNote'
    inlineNoteMarker: 'inlineNoteMarker'
    inlineNoteText: 'inlineNoteText'
  }
}

declare module 'mdast-util-from-markdown' {
  interface CompileData {
    /** Inline notes read so far in the document. */
    inlineNotes?: number
  }
}

const caret = 94
const leftBracket = 91
const rightBracket = 93
const backslash = 92
const backtick = 96

/** Brackets open inside a note text at most (as for link labels): past that, `^[` is text. */
const maxDepth = 32

const inlineNote: Construct = { name: 'inlineNote', tokenize: tokenizeInlineNote }
const codeSpan: Construct = { tokenize: tokenizeCodeSpan, partial: true }

function tokenizeInlineNote(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let depth = 0
  let previous: Token | undefined
  return start

  function start(code: Code): State | undefined {
    effects.enter('inlineNote')
    effects.enter('inlineNoteMarker')
    effects.consume(code)
    return open
  }

  function open(code: Code): State | undefined {
    if (code !== leftBracket) return nok(code)
    effects.consume(code)
    effects.exit('inlineNoteMarker')
    return textStart
  }

  function textStart(code: Code): State | undefined {
    // `^[]` is no note.
    if (code === rightBracket) return nok(code)
    effects.enter('inlineNoteText')
    return chunkStart(code)
  }

  /** Each line of the note text is a chunk of its own, so its positions come out exact. */
  function chunkStart(code: Code): State | undefined {
    if (code === rightBracket && !depth) return close(code)
    const token = effects.enter('chunkText', { contentType: 'text', previous, _contentTypeTextTrailing: true })
    if (previous) previous.next = token
    previous = token
    return inside(code)
  }

  function inside(code: Code): State | undefined {
    if (code === null) return nok(code)
    if (code === leftBracket && ++depth > maxDepth) return nok(code)
    if (code === rightBracket && !depth--) {
      effects.exit('chunkText')
      return close(code)
    }
    if (markdownLineEnding(code)) {
      effects.consume(code)
      effects.exit('chunkText')
      return chunkStart
    }
    // A bracket in code or escaped does not count.
    if (code === backtick) return effects.attempt(codeSpan, inside, backticks)(code)
    effects.consume(code)
    return code === backslash ? escaped : inside
  }

  function escaped(code: Code): State | undefined {
    if (!asciiPunctuation(code)) return inside(code)
    effects.consume(code)
    return inside
  }

  /** A run of backticks that opens no code span is text. */
  function backticks(code: Code): State | undefined {
    if (code !== backtick) return inside(code)
    effects.consume(code)
    return backticks
  }

  function close(code: Code): State | undefined {
    effects.exit('inlineNoteText')
    effects.enter('inlineNoteMarker')
    effects.consume(code)
    effects.exit('inlineNoteMarker')
    effects.exit('inlineNote')
    return ok
  }
}

/** A code span closed on the same line: a run of backticks, anything, the same run again. */
function tokenizeCodeSpan(effects: Effects, ok: State, nok: State): State {
  let opening = 0
  let closing = 0
  return openingRun

  function openingRun(code: Code): State | undefined {
    if (code === backtick) {
      effects.consume(code)
      opening++
      return openingRun
    }
    return content(code)
  }

  function content(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) return nok(code)
    if (code === backtick) {
      closing = 0
      return closingRun(code)
    }
    effects.consume(code)
    return content
  }

  function closingRun(code: Code): State | undefined {
    if (code === backtick) {
      effects.consume(code)
      closing++
      return closingRun
    }
    return closing === opening ? ok(code) : content(code)
  }
}

/** A token's place, without micromark's own fields. */
function place(token: CompileToken): Position {
  return {
    start: { line: token.start.line, column: token.start.column, offset: token.start.offset },
    end: { line: token.end.line, column: token.end.column, offset: token.end.offset },
  }
}

/** The micromark syntax extension. */
export function inlineNotes(): Extension {
  return { text: { [caret]: inlineNote } }
}

/** The mdast-util-from-markdown extension: a call where the note stands, the note after its block. */
export function inlineNotesFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      inlineNote(this: CompileContext, token: CompileToken) {
        this.data.inlineNotes = (this.data.inlineNotes ?? 0) + 1
        const identifier = `^[${this.data.inlineNotes}]`
        const call: FootnoteReference = { type: 'footnoteReference', identifier, position: place(token) }
        ;(this.stack.at(-1) as Parent).children.push(call)
        const note: FootnoteDefinition = { type: 'footnoteDefinition', identifier, children: [], position: place(token) }
        // The root's last child is the top-level block being read, which holds the call.
        ;(this.stack[0] as Root).children.push(note)
        // Not entered: the note's paragraph is, and its text goes there.
        this.stack.push(note)
      },
      inlineNoteText(this: CompileContext, token: CompileToken) {
        this.enter({ type: 'paragraph', children: [] }, token)
      },
    },
    exit: {
      inlineNoteText(this: CompileContext, token: CompileToken) {
        this.exit(token)
      },
      inlineNote(this: CompileContext) {
        this.stack.pop()
      },
    },
  }
}
