/**
 * Quarto's cross-references: `@fig-id`, `@tbl-id`, `@sec-id` (also in brackets) print
 * "Figure 1", "Table 2", "Section 3.1" and link to their target (remark-figures numbers the
 * targets). An unknown target is an error at the reference; so is a source whose key has one
 * of those prefixes, which would be read both ways.
 */
import type { Link, PhrasingContent, Root } from 'mdast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import { displayPath, messages } from '../messages.ts'
import { nearest } from '../text/nearest.ts'
import type { Cite } from '../types/tree.ts'
import { rule } from '../rules.ts'

export const isCrossKey = (key: string) => /^(fig|tbl|sec)-/.test(key)

export const remarkCrossrefs: Plugin<[], Root> = function () {
  return (tree, file) => {
    const targets = file.data.targets ?? new Map()
    const sources = file.data.sources
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
        const link: Link = { type: 'link', url: `#${item.key}`, data: { hProperties: { className: ['cross-reference'] } }, children: [{ type: 'text', value: target.label }] }
        parts.push(link)
        if (item.suffix) parts.push({ type: 'text', value: item.suffix.replace(/<[^>]+>/g, '') })
      })
      if (!ok) return
      parent.children.splice(index, 1, ...(parts as never[]))
      return [SKIP, index + parts.length]
    })
  }
}
