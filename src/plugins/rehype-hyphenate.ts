/**
 * Soft hyphens for print. Chromium on Linux ships no hyphenation dictionaries (they come
 * through the component updater, which a sealed build must keep off), so `hyphens: auto`
 * does nothing there and justified lines open wide gaps. We insert U+00AD ourselves with
 * Liang's patterns (npm `hyphen`), in the brief's language, into running text only: not into
 * notes, links, code, headings or the masthead, whose words must stay whole; not into proper
 * nouns and acronyms (`hyphenate-names: true` in brief.config.yaml allows them), nor into
 * short words in table cells.
 *
 * Each language keeps TeX's minimums (\lefthyphenmin, \righthyphenmin, as hyph-utf8 and babel
 * set them): English breaks leave at least two letters before the hyphen and three after it
 * ("spirit", "within" stay whole; "se-cu-rity", not "se-cu-ri-ty"). The patterns were made for
 * those minimums, and the `hyphen` package knows none: a soft hyphen too near either end of a
 * word is taken out again here.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'

const require = createRequire(import.meta.url)
const hyphenRoot = path.dirname(require.resolve('hyphen/package.json'))

type Patterns = (text: string, options?: { minWordLength?: number }) => string
/** Hyphenates one word; returns it with U+00AD at each break allowed. */
export type Hyphenate = (word: string) => string
const cache = new Map<string, Hyphenate | undefined>()

/** Shortest word that may break, in letters (TeX's minimums allow no shorter one in English). */
export const minWordLength = 5

/**
 * Letters that must stay before and after a break, per pattern set, as hyph-utf8 gives them
 * to TeX (and babel and pandoc's LaTeX use them); every other language keeps two and two.
 */
const minimums: Record<string, [left: number, right: number]> = {
  en: [2, 3], 'en-us': [2, 3], 'en-gb': [2, 3], fr: [2, 3], pt: [2, 3], cs: [2, 3], sk: [2, 3], cy: [2, 3], et: [2, 3], ga: [2, 3], th: [2, 3],
  af: [1, 2], hy: [1, 2], ka: [1, 2], pi: [1, 2], cu: [1, 2], sa: [1, 3],
  as: [1, 1], bn: [1, 1], cop: [1, 1], el: [1, 1], 'el-monoton': [1, 1], 'el-polyton': [1, 1], grc: [1, 1], gu: [1, 1], hi: [1, 1],
  kn: [1, 1], ml: [1, 1], mr: [1, 1], or: [1, 1], pa: [1, 1], ta: [1, 1], te: [1, 1], ethi: [1, 1], 'mul-ethi': [1, 1], 'fi-x-school': [1, 1],
}

/**
 * Soft hyphens that leave fewer than `left` letters before them or `right` after them in the
 * word taken out (combining marks are not letters of their own).
 */
export function keepMinimums(word: string, left: number, right: number): string {
  const letters = (text: string) => (text.match(/\p{L}/gu) ?? []).length
  const total = letters(word)
  let before = 0
  return word.replace(/([^\u00ad]*)\u00ad/g, (_, part: string) => {
    before += letters(part)
    return before >= left && total - before >= right ? `${part}\u00ad` : part
  })
}

/** The hyphenator for a language tag: `en-US` → hyphen/en-us, else the bare language. */
export function hyphenatorFor(lang: string): Hyphenate | undefined {
  const tag = lang.toLowerCase()
  if (cache.has(tag)) return cache.get(tag)
  const candidates = [tag, tag.split('-')[0]!]
  let found: Hyphenate | undefined
  for (const code of candidates) {
    if (/^[a-z-]+$/.test(code) && existsSync(path.join(hyphenRoot, code, 'index.js'))) {
      const patterns = (require(`hyphen/${code}`) as { hyphenateSync: Patterns }).hyphenateSync
      const [left, right] = minimums[code] ?? [2, 2]
      found = (word) => keepMinimums(patterns(word, { minWordLength }), left, right)
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

/**
 * Words longer than this stay whole: no language's word is (German's longest compounds have
 * about 60 letters), and a runaway one cost minutes in the page, where every soft hyphen of a
 * word broken over many lines is measured apart (200,000 letters: 78 to 94 s). The browser
 * breaks such a word where it must, as it does a long URL.
 */
export const longestWord = 100

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
      const minimum = parent && inCell.has(parent) ? cellWordLength : minWordLength
      // Word by word: proper nouns and acronyms ("Pakistan", "UNFCCC") stay whole unless the
      // institute asks otherwise; a reader should not meet "Pak-istan" at a line end.
      node.value = node.value.replace(/[\p{L}\p{M}]+/gu, (word) => (!names && /^\p{Lu}/u.test(word)) || word.length < minimum || word.length > longestWord ? word : hyphenate(word))
    })
  }
}
