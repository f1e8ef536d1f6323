/**
 * Pandoc's fenced divs:
 *
 *     ::: {.key-points title="Key points"}
 *     - Trade and security go together.
 *     :::
 *
 * micromark has no such construct, but its directive extension parses the same block shape
 * (`:::name{attributes}` … `:::`). Before parsing, each pandoc opening fence outside code is
 * rewritten into that form (`::: {.x}` → `:::div{.x}`, `::: warning` → `:::div{.warning}`), on
 * its own line, so every other position in brief.md stays exact; only the container part of
 * the extension is enabled, so `a:b` in text is never taken for a directive.
 *
 * After parsing, each div is a `div` element with its id and classes; a few classes are the
 * styled blocks of a brief (see `boxes`), any other class is kept as a plain div.
 */
import type { Root } from 'mdast'
import { directiveFromMarkdown, type ContainerDirective } from 'mdast-util-directive'
import { directive } from 'micromark-extension-directive'
import type { Plugin, Processor } from 'unified'
import { visit } from 'unist-util-visit'
import { messages } from '../messages.ts'
import { rule } from '../rules.ts'

/** Classes with a style of their own (styles/*.css), for the list in docs/writing.md. */
export const boxes = ['key-points', 'box', 'callout', 'callout-note', 'callout-tip', 'callout-important', 'callout-warning', 'callout-caution', 'summary', 'recommendations', 'page-break']

const openingFence = /^( {0,3})(:{3,})[ \t]*(\{[^{}]*\}|[A-Za-z][\w-]*)[ \t]*:*[ \t]*$/
const codeFence = /^ {0,3}(`{3,}|~{3,})/

const closingFence = /^( {0,3}):{3,}[ \t]*$/

/**
 * Rewrites pandoc's opening fences into directive fences, line for line, outside code. Pandoc
 * lets nested divs use the same number of colons (a closing fence closes the innermost div);
 * in directive syntax an outer fence needs more colons than the ones inside it, so each pair
 * gets 3 + the depth of the divs it holds.
 */
export function pandocFencesToDirectives(markdown: string): string {
  const lines = markdown.split('\n')
  const pairs = pairFences(lines)
  // Heights from the innermost out: a pair is one higher than the highest pair inside it.
  for (let p = pairs.length - 1; p >= 0; p--) {
    const parent = pairs[p]!.parent
    if (parent !== undefined) pairs[parent]!.height = Math.max(pairs[parent]!.height, pairs[p]!.height + 1)
  }
  for (const pair of pairs) {
    const colons = ':'.repeat(3 + pair.height)
    const [, indent, , what] = openingFence.exec(lines[pair.open]!)!
    lines[pair.open] = `${indent}${colons}div${what!.startsWith('{') ? what : `{.${what}}`}`
    if (pair.close !== undefined) lines[pair.close] = `${closingFence.exec(lines[pair.close]!)![1]}${colons}`
  }
  return lines.join('\n')
}

type FencePair = { open: number; close?: number; height: number; parent?: number }

/** Opening fences outside code blocks, each with the line of the fence that closes it. */
function pairFences(lines: string[]): FencePair[] {
  const pairs: FencePair[] = []
  const stack: number[] = []
  let fence: string | undefined
  let comment = false
  lines.forEach((line, i) => {
    const code = codeFence.exec(line)?.[1]
    // A code block closes only at a bare fence as long as its own (` ```js ` inside it is code).
    if (code && (!fence || (code[0] === fence[0] && code.length >= fence.length && /^\s*[`~]+\s*$/.test(line)))) {
      fence = fence ? undefined : code
      return
    }
    if (fence) return
    // Inside an HTML comment, `:::` lines are commented out.
    if (comment || /^\s*<!--/.test(line)) {
      comment = !line.slice(comment ? 0 : line.indexOf('<!--') + 4).includes('-->')
      return
    }
    if (openingFence.test(line)) {
      pairs.push({ open: i, height: 0, parent: stack.at(-1) })
      stack.push(pairs.length - 1)
    } else if (closingFence.test(line) && stack.length) {
      pairs[stack.pop()!]!.close = i
    }
  })
  return pairs
}

export const remarkFencedDivs: Plugin<[], Root> = function () {
  const self = this as unknown as Processor
  const data = self.data()
  const container = directive().flow![58] as unknown[]
  ;(data.micromarkExtensions ??= []).push({ flow: { 58: [container[0]] } } as never)
  ;(data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown())
  const parse = self.parser
  if (!parse) throw new Error('remark-fenced-divs must be used after remark-parse')
  self.parser = (document, file) => parse(pandocFencesToDirectives(document), file)

  return (tree, file) => {
    // A box left open runs to the end of the brief (pandoc prints its fence as text instead):
    // either way not what the author meant, so say where it starts.
    for (const pair of pairFences(String(file).split('\n'))) {
      if (pair.close === undefined) file.message(messages.unclosedDiv(), { place: { line: pair.open + 1, column: 1 }, ruleId: rule('unclosed-div'), source: 'brief' })
    }
    visit(tree, 'containerDirective', (node: ContainerDirective) => {
      const attributes = node.attributes ?? {}
      const classes = (attributes.class ?? '').split(/\s+/).filter(Boolean)
      const title = attributes.title
      node.data = {
        ...node.data,
        hName: 'div',
        hProperties: { ...(attributes.id ? { id: attributes.id } : {}), className: ['fenced-div', ...classes], ...(title ? { dataTitle: title } : {}) },
      }
      // A box's title is printed as its first line.
      if (title) node.children.unshift({ type: 'paragraph', data: { hProperties: { className: ['box-title'] } }, children: [{ type: 'text', value: title }] })
    })
  }
}
