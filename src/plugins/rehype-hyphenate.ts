/**
 * Soft hyphens for print. Chromium on Linux ships no hyphenation dictionaries (they come
 * through the component updater, which a sealed build must keep off), so `hyphens: auto`
 * does nothing there and justified lines open wide gaps. We insert U+00AD ourselves with
 * Liang's patterns (npm `hyphen`), in the brief's language, into running text only: not into
 * notes, links, code, headings or the masthead, whose words must stay whole; not into proper
 * nouns and acronyms (`hyphenate-names: true` in brief.config.yaml allows them), nor into
 * short words in table cells.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'

const require = createRequire(import.meta.url)
const hyphenRoot = path.dirname(require.resolve('hyphen/package.json'))

type Hyphenate = (text: string, options?: { minWordLength?: number }) => string
const cache = new Map<string, Hyphenate | undefined>()

/** The hyphenator for a language tag: `en-US` → hyphen/en-us, else the bare language. */
export function hyphenatorFor(lang: string): Hyphenate | undefined {
  const tag = lang.toLowerCase()
  if (cache.has(tag)) return cache.get(tag)
  const candidates = [tag, tag.split('-')[0]!]
  let found: Hyphenate | undefined
  for (const code of candidates) {
    if (/^[a-z-]+$/.test(code) && existsSync(path.join(hyphenRoot, code, 'index.js'))) {
      found = (require(`hyphen/${code}`) as { hyphenateSync: Hyphenate }).hyphenateSync
      break
    }
  }
  cache.set(tag, found)
  return found
}

const skipTags = new Set(['a', 'code', 'pre', 'kbd', 'samp', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'sup', 'sub', 'script', 'style'])
const skipClasses = ['footnote', 'masthead', 'references']

function skipped(node: Element): boolean {
  const className = node.properties.className
  const classes = Array.isArray(className) ? className.map(String) : []
  return skipTags.has(node.tagName) || classes.some((c) => skipClasses.includes(c))
}

/** Words in table cells shorter than this stay whole: a narrow column is no reason to break "trade". */
const cellWordLength = 12

export const rehypeHyphenate: Plugin<[], Root> = function () {
  return (tree, file) => {
    const hyphenate = hyphenatorFor(file.data.meta?.lang ?? 'en-US')
    if (!hyphenate) return
    const names = file.data.config?.['hyphenate-names'] ?? false
    const inCell = new WeakSet<object>()
    visit(tree, (node, _, parent) => {
      if (node.type === 'element' && skipped(node)) return SKIP
      if (node.type === 'element' && (node.tagName === 'td' || node.tagName === 'th' || (parent && inCell.has(parent)))) inCell.add(node)
      if (node.type !== 'text') return
      const minimum = parent && inCell.has(parent) ? cellWordLength : 6
      // Word by word: proper nouns and acronyms ("Pakistan", "UNFCCC") stay whole unless the
      // institute asks otherwise; a reader should not meet "Pak-istan" at a line end.
      node.value = node.value.replace(/[\p{L}\p{M}]+/gu, (word) => (!names && /^\p{Lu}/u.test(word)) || word.length < minimum ? word : hyphenate(word, { minWordLength: minimum }))
    })
  }
}
