/**
 * Pandoc's fenced divs, read by the Markdown parser itself (a micromark syntax extension and
 * its mdast-util-from-markdown counterpart), so every node inside keeps its exact place in
 * brief.md:
 *
 *     ::: {.key-points title="Key points"}
 *     - Trade and security go together.
 *     :::
 *
 * Glossary:
 * - opening fence: at most three spaces, three or more colons, then an attribute block
 *   (`{#id .class key="value"}`, read by ../typeset/attributes.ts) or a bare class word
 *   (`::: warning`), optionally more colons, alone on its line;
 * - closing fence: three or more colons alone on their line. As in pandoc it closes the
 *   innermost open div, whatever the number of colons on either fence;
 * - content: the lines between, parsed as a document of their own, divs included.
 *
 * A div finds its closing fence by reading its content line by line, as pandoc does
 * (./fence-lines.ts): a `:::` inside a fenced code block or an HTML comment is no fence, and a
 * `:::` closes a div opened inside before it closes this one. A div never closed runs to the
 * end of its container; its node says so (`data.unclosed`) for remark-fenced-divs to warn.
 *
 * The node is the one directive syntax gives, mdast-util-directive's `containerDirective`
 * named `div`, with `attributes` (`id`, `class`, then any `key=value`) and the position of
 * its fences; remark-fenced-divs and remark-callouts work on it.
 */
import type { ContainerDirective } from 'mdast-util-directive'
import type { CompileContext, Extension as FromMarkdownExtension, Token as CompileToken } from 'mdast-util-from-markdown'
import { factorySpace } from 'micromark-factory-space'
import { markdownLineEnding } from 'micromark-util-character'
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types'
import { ContentLines, fenceAttributes } from './fence-lines.ts'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    fencedDiv: 'fencedDiv'
    fencedDivFence: 'fencedDivFence'
    fencedDivClosingFence: 'fencedDivClosingFence'
    fencedDivSequence: 'fencedDivSequence'
    fencedDivInfo: 'fencedDivInfo'
    fencedDivContent: 'fencedDivContent'
  }
}

declare module 'mdast-util-directive' {
  interface ContainerDirectiveData {
    /** A fenced div with no closing fence: it runs to the end of its container. */
    unclosed?: boolean
  }
}

declare module 'mdast-util-from-markdown' {
  interface CompileData {
    /** Whether the div being compiled had its closing fence. */
    fencedDivClosed?: boolean
  }
}

const colon = 58

/** The text of a code micromark hands over: tabs come as a tab and virtual spaces. */
function character(code: Code): string {
  if (code === null || code === -1) return ''
  return code === -2 ? '\t' : String.fromCharCode(code)
}

const fencedDiv: Construct = { name: 'fencedDiv', tokenize: tokenizeFencedDiv, concrete: true }
const nonLazyLine: Construct = { tokenize: tokenizeNonLazyLine, partial: true }

function tokenizeFencedDiv(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  const tail = self.events.at(-1)
  const indent = tail && tail[1].type === 'linePrefix' ? tail[2].sliceSerialize(tail[1], true).length : 0
  const lines = new ContentLines()
  const closingFence: Construct = { tokenize: tokenizeClosingFence, partial: true }
  let colons = 0
  let rest = ''
  let line = ''
  let previous: Token | undefined
  return start

  function start(code: Code): State | undefined {
    effects.enter('fencedDiv')
    effects.enter('fencedDivFence')
    effects.enter('fencedDivSequence')
    return sequence(code)
  }

  function sequence(code: Code): State | undefined {
    if (code === colon) {
      effects.consume(code)
      colons++
      return sequence
    }
    if (colons < 3) return nok(code)
    effects.exit('fencedDivSequence')
    if (code === null || markdownLineEnding(code)) return nok(code)
    effects.enter('fencedDivInfo')
    return infoText(code)
  }

  function infoText(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) {
      if (!fenceAttributes(rest)) return nok(code)
      effects.exit('fencedDivInfo')
      effects.exit('fencedDivFence')
      if (code === null) return after(code)
      // Checking whether the fence interrupts a paragraph: it does.
      if (self.interrupt) return ok(code)
      return effects.attempt(nonLazyLine, contentStart, after)(code)
    }
    rest += character(code)
    effects.consume(code)
    return infoText
  }

  function contentStart(code: Code): State | undefined {
    if (code === null) return after(code)
    // A blank first line is content only if the line after it is not lazy.
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, contentNonLazyStart, after)(code)
    return contentNonLazyStart(code)
  }

  function contentNonLazyStart(code: Code): State | undefined {
    effects.enter('fencedDivContent')
    return lineStart(code)
  }

  function lineStart(code: Code): State | undefined {
    const prefixed = indent ? factorySpace(effects, chunkStart, 'linePrefix', indent + 1) : chunkStart
    return lines.closes ? effects.attempt(closingFence, afterContent, prefixed)(code) : prefixed(code)
  }

  function chunkStart(code: Code): State | undefined {
    if (code === null) return afterContent(code)
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, chunkNonLazyStart, afterContent)(code)
    return chunkNonLazyStart(code)
  }

  function chunkNonLazyStart(code: Code): State | undefined {
    const token = effects.enter('chunkDocument', { contentType: 'document', previous })
    if (previous) previous.next = token
    previous = token
    line = ''
    return chunk(code)
  }

  function chunk(code: Code): State | undefined {
    if (code === null) {
      const token = effects.exit('chunkDocument')
      self.parser.lazy[token.start.line] = false
      return afterContent(code)
    }
    if (markdownLineEnding(code)) {
      lines.read(line)
      return effects.check(nonLazyLine, nextLine, lastLine)(code)
    }
    line += character(code)
    effects.consume(code)
    return chunk
  }

  function nextLine(code: Code): State | undefined {
    effects.consume(code)
    const token = effects.exit('chunkDocument')
    self.parser.lazy[token.start.line] = false
    return lineStart
  }

  /** The next line is lazy (its container ended): so does the div. */
  function lastLine(code: Code): State | undefined {
    const token = effects.exit('chunkDocument')
    self.parser.lazy[token.start.line] = false
    return afterContent(code)
  }

  function afterContent(code: Code): State | undefined {
    effects.exit('fencedDivContent')
    return after(code)
  }

  function after(code: Code): State | undefined {
    effects.exit('fencedDiv')
    return ok(code)
  }

  function tokenizeClosingFence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    let size = 0
    return factorySpace(effects, fenceStart, 'linePrefix', 4)

    function fenceStart(code: Code): State | undefined {
      if (code !== colon) return nok(code)
      effects.enter('fencedDivClosingFence')
      effects.enter('fencedDivSequence')
      return closingSequence(code)
    }

    function closingSequence(code: Code): State | undefined {
      if (code === colon) {
        effects.consume(code)
        size++
        return closingSequence
      }
      if (size < 3) return nok(code)
      effects.exit('fencedDivSequence')
      return factorySpace(effects, fenceEnd, 'whitespace')(code)
    }

    function fenceEnd(code: Code): State | undefined {
      if (code !== null && !markdownLineEnding(code)) return nok(code)
      effects.exit('fencedDivClosingFence')
      return ok(code)
    }
  }
}

/** A line ending, then a line that is not lazy (it belongs to the same containers). */
function tokenizeNonLazyLine(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  return (code) => {
    effects.enter('lineEnding')
    effects.consume(code)
    effects.exit('lineEnding')
    return (next: Code) => (self.parser.lazy[self.now().line] ? nok(next) : ok(next))
  }
}

/** The micromark syntax extension: fenced divs as flow constructs. */
export function fencedDivs(): Extension {
  return { flow: { [colon]: fencedDiv } }
}

/** The mdast-util-from-markdown extension: each div a `containerDirective` named `div`. */
export function fencedDivsFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      fencedDiv(this: CompileContext, token: CompileToken) {
        const node: ContainerDirective = { type: 'containerDirective', name: 'div', attributes: {}, children: [] }
        this.enter(node, token)
        this.data.fencedDivClosed = false
      },
      fencedDivClosingFence(this: CompileContext) {
        this.data.fencedDivClosed = true
      },
    },
    exit: {
      fencedDivInfo(this: CompileContext, token: CompileToken) {
        const node = this.stack.at(-1) as ContainerDirective
        node.attributes = fenceAttributes(this.sliceSerialize(token)) ?? {}
      },
      fencedDiv(this: CompileContext, token: CompileToken) {
        // Divs inside were compiled (and their flags cleared) before this one's closing fence.
        if (!this.data.fencedDivClosed) {
          const node = this.stack.at(-1) as ContainerDirective
          node.data = { ...node.data, unclosed: true }
        }
        this.data.fencedDivClosed = undefined
        this.exit(token)
      },
    },
  }
}
