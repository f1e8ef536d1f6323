/**
 * Quarto's cross-references: `@fig-id`, `@tbl-id`, `@sec-id` (also in brackets) print
 * "Figure 1", "Table 2", "Section 3.1" and link to their target (remark-figures numbers the
 * targets). A section without a number (the Issue Brief numbers none unless the brief asks
 * with `number-sections: true`) is named by its heading's words in the language's quotation
 * marks, “Recommendations”, as the house style quotes the title of a part of a work. An
 * unknown target is an error at the reference; so is a source whose key has one of those
 * prefixes, which would be read both ways.
 */
import type { Heading, Link, PhrasingContent, Root } from 'mdast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import { displayPath, messages } from '../messages.ts'
import { nearest } from '../text/nearest.ts'
import type { Cite } from '../types/tree.ts'
import { rule } from '../rules.ts'
import { citationLang, punctuationInQuote } from '../citations/locales.ts'
import { smartPieces } from '../typeset/smart.ts'

export const isCrossKey = (key: string) => /^(fig|tbl|sec)-/.test(key)

export const remarkCrossrefs: Plugin<[], Root> = function () {
  return (tree, file) => {
    const targets = file.data.targets ?? new Map()
    const sources = file.data.sources
    // The brief's quotation marks around a title, as smart punctuation sets them around any word.
    const [open, , close] = smartPieces(['"', null, '"'], file.data.meta?.lang ?? 'en-US') as [string, null, string]
    // In US English a full stop or comma after a quoted title goes inside the closing mark, as
    // the brief's citations place theirs (remark-cite-notes); asked of the style only when needed.
    let insideQuotes: boolean | undefined
    const punctuationInside = () => (insideQuotes ??= file.data.style ? punctuationInQuote(file.data.style, citationLang(file.data.meta, file.data.style)) : false)
    visit(tree, 'cite', (cite: Cite, index, parent) => {
      if (!parent || index === undefined || !cite.items.every((item) => isCrossKey(item.key))) return
      const parts: PhrasingContent[] = []
      let ok = true
      cite.items.forEach((item, i) => {
        const target = targets.get(item.key)
        const source = sources?.get(item.key)
        if (source) {
          const where = target?.place ? `${displayPath(file.path)}:${target.place.line}:${target.place.column}` : undefined
          file.message(messages.crossKeyIsSource(item.key, source.origin, where), { place: item.place, ruleId: rule('cross-reference-key'), source: 'brief' }).fatal = true
          ok = false
          return
        }
        if (!target) {
          file.message(messages.unknownCrossReference(item.key, nearest(item.key, targets.keys())), { place: item.place, ruleId: rule('unknown-cross-reference'), source: 'brief' }).fatal = true
          ok = false
          return
        }
        if (i > 0) parts.push({ type: 'text', value: ', ' })
        if (item.prefix) parts.push({ type: 'text', value: `${item.prefix.replace(/<[^>]+>/g, '').trimEnd()} ` })
        const link: Link = { type: 'link', url: `#${item.key}`, data: { hProperties: { className: ['cross-reference'] } }, children: target.heading ? words(target.heading) : [{ type: 'text', value: target.label }] }
        parts.push(...(target.heading ? [{ type: 'text', value: open } as const, link, { type: 'text', value: close } as const] : [link]))
        if (item.suffix) parts.push({ type: 'text', value: item.suffix.replace(/<[^>]+>/g, '') })
      })
      if (!ok) return
      const last = parts.at(-1)
      const next = parent.children[index + 1]
      if (last?.type === 'text' && last.value === close && next?.type === 'text' && /^[.,]/.test(next.value) && punctuationInside()) {
        last.value = next.value[0] + close
        next.value = next.value.slice(1)
      }
      parent.children.splice(index, 1, ...(parts as never[]))
      return [SKIP, index + parts.length]
    })
  }
}

/**
 * A heading's words as a reference prints them: its inline content without what belongs to the
 * heading alone (its note calls and citations) and without links, since the reference is one.
 */
function words(heading: Heading): PhrasingContent[] {
  const copy = (nodes: PhrasingContent[]): PhrasingContent[] =>
    nodes.flatMap((node): PhrasingContent[] => {
      if (node.type === 'footnoteReference' || node.type === 'cite') return []
      if (node.type === 'link' || node.type === 'linkReference') return copy(node.children)
      const { position: _, ...own } = structuredClone(node)
      if ('children' in own) own.children = copy(own.children as PhrasingContent[]) as never
      return [own as PhrasingContent]
    })
  const out = copy(heading.children)
  // The space a note call or citation leaves at the end of the words.
  const last = out.at(-1)
  if (last?.type === 'text') last.value = last.value.trimEnd()
  return out
}
