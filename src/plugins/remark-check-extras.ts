/**
 * What `brief check` reports beyond what a build does: sources in the brief's own files that
 * no citation uses (one warning each; a shared library of more than 50 entries gets one
 * summary). (A link to a file that does not exist is reported by every build: remark-links.)
 */
import type { Root } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { messages } from '../messages.ts'
import '../types/tree.ts'
import { rule } from '../rules.ts'

const manyEntries = 50

export const remarkCheckExtras: Plugin<[], Root> = function () {
  return (tree, file) => {
    const sources = file.data.library
    if (!sources) return
    const cited = new Set<string>([...(file.data.uncited ?? [])])
    // Cited keys: the rendered citations, or the citations as written when rendering stopped.
    visit(tree, 'cite', (cite) => {
      for (const item of cite.items) cited.add(item.key)
    })
    visit(tree, (node) => {
      const props = (node.data as { hProperties?: { dataCites?: string } } | undefined)?.hProperties
      for (const key of props?.dataCites?.split(' ') ?? []) cited.add(key)
    })
    const unused = [...sources.entries()].filter(([key]) => !cited.has(key))
    const byFile = new Map<string, typeof unused>()
    for (const entry of unused) byFile.set(entry[1].file, [...(byFile.get(entry[1].file) ?? []), entry])
    for (const [where, entries] of byFile) {
      const total = [...sources.values()].filter((s) => s.file === where).length
      if (total > manyEntries) {
        const msg = file.message(messages.unusedSources(entries.length, total), { place: { line: 1, column: 1 }, ruleId: rule('unused-source'), source: 'sources' })
        msg.file = where
        continue
      }
      for (const [key, source] of entries) {
        const msg = file.message(messages.unusedSource(key), { place: source.place, ruleId: rule('unused-source'), source: 'sources' })
        msg.file = source.file
      }
    }
  }
}
