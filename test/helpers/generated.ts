/**
 * Generated briefs for layout tests: paragraphs of every length with citation notes at
 * sentence ends and inside sentences, author notes long and short, adjacent calls, calls followed
 * by emphasis, a link or an author named in the text, lists, a table, block quotes, figures and
 * headings, all from a seed.
 *
 * Every paragraph starts with a token `pb<k>` and ends with `pe<k>` (k in letters, so the
 * only digits in the body text are note calls): a test finds, from the PDF alone, on which
 * lines and pages each paragraph was printed.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { wordBoxes } from './pdf.ts'

function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const vocabulary = (
  'security trade border policy region dialogue stability cooperation framework transit agreement neighbours ' +
  'engagement economic governance refugees corridor negotiation mechanism sovereignty partnership commitment ' +
  'development diplomatic bilateral consultation the of and in a to for with on'
).split(' ')

/** Letters for a number: 0 → a, 25 → z, 26 → ba. */
export const letters = (n: number): string => (n >= 26 ? letters(Math.floor(n / 26)) : '') + String.fromCharCode(97 + (n % 26))

const sources = ['siddiqa2017', 'fair2014', 'shah2014', 'small2015', 'small2020', 'rashid2021', 'dawn2025', 'unfccc2024', 'kazmi2019']

export interface GeneratedBrief {
  folder: string
  /** Paragraph tokens written: `pb<k>` … `pe<k>`. */
  paragraphs: string[]
}

/** `blocks`: paragraphs (each perhaps with a heading, list, table, quote or figure before it); default 8–17. */
export function writeGeneratedBrief(root: string, seed: number, references: string, image: string, blocks?: number): GeneratedBrief {
  const next = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const words = (n: number) => Array.from({ length: n }, () => pick(vocabulary)).join(' ')
  const cite = () => `[@${pick(sources)}${next() < 0.6 ? `, ${1 + Math.floor(next() * 300)}` : ''}]`
  const notes: string[] = []
  const authorNote = () => {
    const label = `n${notes.length}`
    const length = next() < 0.2 ? 6 + Math.floor(next() * 8) : 1 + Math.floor(next() * 2)
    notes.push(`[^${label}]: ${Array.from({ length }, () => `${words(8 + Math.floor(next() * 10))}.`).join(' ')}`)
    return `[^${label}]`
  }
  const sentence = () => {
    let text = words(6 + Math.floor(next() * 16))
    text = text.charAt(0).toUpperCase() + text.slice(1)
    const r = next()
    if (r < 0.25) return `${text} ${cite()}.`
    if (r < 0.35) return `${text}.${authorNote()}`
    if (r < 0.4) return `${text}.${cite()}${cite()}`
    if (r < 0.5) return `${words(3)} ${cite()} ${text.toLowerCase()}.`
    // A call followed by a space and an element: emphasis, a link, an author named in the text.
    if (r < 0.53) return `${words(3)} ${cite()} *${words(2)}* ${text.toLowerCase()}.`
    if (r < 0.55) return `${words(3)} ${cite()} [${words(2)}](https://example.org/${pick(sources)}) ${text.toLowerCase()}.`
    if (r < 0.58) return `${text}.${cite()} @${pick(sources)} [p. ${1 + Math.floor(next() * 300)}] ${words(4)}.`
    return `${text}.`
  }
  const paragraphs: string[] = []
  const paragraph = () => {
    const k = letters(paragraphs.length)
    paragraphs.push(k)
    const body = Array.from({ length: 2 + Math.floor(next() * 11) }, sentence).join(' ')
    return `pb${k} ${body} pe${k}`
  }
  const parts: string[] = []
  const count = 8 + Math.floor(next() * 10)
  for (let i = 0; i < (blocks ?? count); i++) {
    const r = next()
    if (i > 0 && r < 0.12) parts.push(`## ${words(3 + Math.floor(next() * 3))}`)
    else if (r < 0.2) parts.push(Array.from({ length: 2 + Math.floor(next() * 4) }, () => `- ${words(5 + Math.floor(next() * 12))} ${cite()}`).join('\n'))
    else if (r < 0.26) parts.push(`| Route | Share |\n| --- | --: |\n${Array.from({ length: 2 + Math.floor(next() * 3) }, () => `| ${words(3)} ${cite()} | ${words(1)} |`).join('\n')}`)
    else if (r < 0.31) parts.push(`> ${words(20 + Math.floor(next() * 30))} ${cite()}.`)
    else if (r < 0.35) parts.push(`![${words(4)}](figure.png){width=60%}`)
    parts.push(paragraph())
  }
  const folder = path.join(root, `generated-${seed}`)
  mkdirSync(folder, { recursive: true })
  copyFileSync(references, path.join(folder, 'references.json'))
  copyFileSync(image, path.join(folder, 'figure.png'))
  writeFileSync(path.join(folder, 'brief.md'), `---\ntitle: Generated brief ${seed}\nbibliography: references.json\n---\n\n${parts.join('\n\n')}\n\n${notes.join('\n\n')}\n`)
  return { folder, paragraphs }
}

/**
 * The last line on the first page of each split paragraph, and its average space in normal
 * spaces. A note call on the line is part of the word it follows: its width is not space.
 */
export function splitLastLines(file: string, brief: GeneratedBrief): Array<{ page: number; spaces: number }> {
  const words = wordBoxes(file)
  const pages: Array<{ page: number; spaces: number }> = []
  for (const k of brief.paragraphs) {
    const start = words.findIndex((w) => w.word === `pb${k}`)
    const end = words.findIndex((w) => w.word.startsWith(`pe${k}`))
    if (start < 0 || end < start) continue
    const all = words.slice(start, end + 1)
    const body = all.filter((w) => w.yMax - w.yMin >= 13.5)
    const first = body[0]!.page
    if (body.at(-1)!.page === first) continue
    const onFirst = body.filter((w) => w.page === first)
    const lastY = Math.max(...onFirst.map((w) => Math.round(w.yMin)))
    const text = onFirst.filter((w) => Math.round(w.yMin) === lastY)
    const [top, bottom] = [Math.min(...text.map((w) => w.yMin)), Math.max(...text.map((w) => w.yMax))]
    const boxes = all.filter((w) => w.page === first && (w.yMin + w.yMax) / 2 > top && (w.yMin + w.yMax) / 2 < bottom).sort((a, b) => a.xMin - b.xMin)
    const line: Array<{ xMin: number; xMax: number }> = []
    for (const box of boxes) {
      const previous = line.at(-1)
      if (previous && box.xMin - previous.xMax < 0.5) previous.xMax = Math.max(previous.xMax, box.xMax)
      else line.push({ xMin: box.xMin, xMax: box.xMax })
    }
    if (line.length < 2) continue
    const gaps = line.slice(1).map((w, i) => w.xMin - line[i]!.xMax)
    // In widths of a normal space (a quarter of the 11 pt body text's size).
    pages.push({ page: first, spaces: gaps.reduce((a, b) => a + b, 0) / gaps.length / (11 * 0.25) })
  }
  return pages
}
