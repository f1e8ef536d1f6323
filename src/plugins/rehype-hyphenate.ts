/**
 * Soft hyphens for print. Chromium on Linux ships no hyphenation dictionaries (they come
 * through the component updater, which a sealed build must keep off), so `hyphens: auto`
 * does nothing there and justified lines open wide gaps. We insert U+00AD ourselves with
 * Liang's patterns (npm `hyphen`), in the brief's language, into running text only: not into
 * notes, links, code, headings or the masthead, whose words must stay whole.
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

export const rehypeHyphenate: Plugin<[], Root> = function () {
  return (tree, file) => {
    const hyphenate = hyphenatorFor(file.data.meta?.lang ?? 'en-US')
    if (!hyphenate) return
    visit(tree, (node) => {
      if (node.type === 'element' && skipped(node)) return SKIP
      if (node.type === 'text') node.value = hyphenate(node.value, { minWordLength: 6 })
    })
  }
}
