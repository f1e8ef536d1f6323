/**
 * Generated briefs for the site's tests and bench: each with one to three authors from a pool,
 * keywords from a pool, dates over several years, an abstract on most, and a body of words
 * drawn (Zipf-like) from a vocabulary of made-up words as large as an archive's, so that an
 * index built from them weighs what a real archive's would. Brief `i`'s body holds the word
 * `uniqueWord(i)`, found in no other brief and in no title, abstract or keyword.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { repo, seed } from './cli.ts'

function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const syllables = 'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo'.split(' ')

/** `size` made-up words, the same every time. */
export function vocabulary(size: number): string[] {
  const next = random(7)
  const words = new Set<string>()
  while (words.size < size) {
    const count = 2 + Math.floor(next() * 3)
    words.add(Array.from({ length: count }, () => syllables[Math.floor(next() * syllables.length)]).join(''))
  }
  return [...words]
}

export const authorPool = ['Amina Khan', 'Omar Shah', 'Sara Qureshi', 'Bilal Ahmed', 'Hina Rauf', 'Ṭāriq Ḥasan', 'Mehwish Iqbal', 'Usman Malik']
export const keywordPool = ['Afghanistan', 'border security', 'bilateral trade', 'China', 'climate', 'energy', 'India', 'nuclear policy', 'water', 'Iran']

/** The word only brief `i`'s body holds. */
export const uniqueWord = (i: number): string => `quillwort${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26) % 26)}x`

export interface SiteBriefSpec {
  slug: string
  title: string
  authors: string[]
  keywords: string[]
  date: string
}

/** Writes brief `i` under `briefs`; `words` is the body's length. */
export function writeSiteBrief(briefs: string, i: number, words: number, vocab: string[]): SiteBriefSpec {
  const next = random(1000 + i)
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!
  const authors = [...new Set(Array.from({ length: 1 + (i % 3) }, (_, k) => authorPool[(i + k * 3) % authorPool.length]!))]
  const keywords = [...new Set(Array.from({ length: 1 + (i % 4) }, (_, k) => keywordPool[(i * 7 + k * 3) % keywordPool.length]!))]
  const year = 2021 + (i % 5)
  const date = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
  const slug = `${date}-brief-${i}`
  const title = `Brief ${i}: ${keywords[0]} and the region`
  const zipf = () => vocab[Math.min(vocab.length - 1, Math.floor(vocab.length ** next()) - 1)]!
  const paragraphs: string[] = []
  let written = 0
  while (written < words) {
    const length = 40 + Math.floor(next() * 80)
    const text = Array.from({ length }, zipf).join(' ')
    paragraphs.push(`${text[0]!.toUpperCase()}${text.slice(1)}.`)
    written += length
  }
  paragraphs.splice(1, 0, `The visit was covered at the time [@yousaf2025envoy]. Only this brief speaks of ${uniqueWord(i)} in its text.`)
  const folder = path.join(briefs, slug)
  mkdirSync(folder, { recursive: true })
  const front = [
    '---',
    `title: "${title}"`,
    ...(i % 3 === 0 ? [`subtitle: "A ${pick(['short', 'second', 'closer'])} look"`] : []),
    'author:',
    ...authors.map((a) => `  - name: ${a}`),
    `date: "${date}"`,
    'keywords:',
    ...keywords.map((k) => `  - ${k}`),
    ...(i % 5 !== 4 ? [`abstract: "What changed in ${keywords[0]} in ${year}, and what Pakistan can do."`] : []),
    'bibliography: references.json',
    '---',
    '',
  ]
  writeFileSync(path.join(folder, 'brief.md'), `${front.join('\n')}${paragraphs.join('\n\n')}\n`)
  cpSync(path.join(repo, 'briefs', seed, 'references.json'), path.join(folder, 'references.json'))
  return { slug, title, authors, keywords, date }
}

/** A project folder (configuration and briefs/) with `count` generated briefs, and the example brief when `example`. */
export function siteProject(count: number, options: { words?: number; example?: boolean; vocabulary?: number } = {}): { dir: string; briefs: SiteBriefSpec[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-site-'))
  cpSync(path.join(repo, 'brief.config.yaml'), path.join(dir, 'brief.config.yaml'))
  const vocab = vocabulary(options.vocabulary ?? 20_000)
  const briefs = Array.from({ length: count }, (_, i) => writeSiteBrief(path.join(dir, 'briefs'), i, options.words ?? 300, vocab))
  if (options.example) cpSync(path.join(repo, 'briefs', seed), path.join(dir, 'briefs', seed), { recursive: true })
  return { dir, briefs }
}
