/**
 * `brief new`: a new brief's folder, `briefs/<date>-<slug>/`, with `brief.md` from the
 * template's skeleton (front matter filled in) and an empty `references.bib`. It never
 * overwrites anything.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { loadConfig } from '../config/load.ts'
import { templates } from '../config/schema.ts'
import { UsageError } from '../errors.ts'
import { toolkitPath } from '../toolkit.ts'
import { choose } from '../text/choice.ts'
import { isCalendarDate } from '../text/calendar.ts'

export interface NewBriefOptions {
  title: string
  authors?: string[]
  /** YYYY-MM-DD (default: today). */
  date?: string
  /** Series label (default: the configuration's). */
  type?: string
  /** Template name (default: the configuration's). */
  template?: string
  /** The folder's name after the date (default: made from the title); made lower-case ASCII the same way. */
  slug?: string
  /** Folder holding briefs/ and brief.config.yaml (default: cwd). */
  cwd?: string
}

/** The longest slug: with the date, a folder name a file manager shows whole. */
export const slugLength = 60

/** Latin letters that accents do not make: NFKD leaves them whole. */
const letters: Record<string, string> = { ı: 'i', ø: 'o', æ: 'ae', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', œ: 'oe', ħ: 'h' }

/** Words a slug should not end on when it is cut short ("…-bill-and-the"). */
const joiningWords = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'for', 'to', 'with', 'at', 'by', 'or'])

/**
 * ASCII, lower case, words joined by hyphens: "Çitrāl and Beyond!" → "citral-and-beyond".
 * Apostrophes belong to their word ("Pakistan's" → `pakistans`, "Shiʿa" → `shia`), a full stop
 * between single letters too ("U.S." → `us`), `&` is "and"; quotes, colons, dashes, slashes
 * and other punctuation separate words. Longer than `slugLength`, it is cut after the last
 * whole word that fits (and before a trailing "and", "the", "of"…); only a single word longer
 * than that is cut inside. Letters of other scripts (an Urdu title) are left out: give such a
 * brief its name with `slug`.
 */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıøæßłđðþœħ]/g, (letter) => letters[letter]!)
    .replace(/[’'ʼʻʿʾ`´‘]/g, '')
    .replace(/(?<=(?:^|[^\p{L}])\p{L})\.(?=\p{L}(?:[^\p{L}]|$))/gu, '')
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  const kept: string[] = []
  for (const word of words) {
    if ([...kept, word].join('-').length > slugLength) break
    kept.push(word)
  }
  if (!kept.length) return (words[0] ?? '').slice(0, slugLength)
  if (kept.length < words.length) while (kept.length > 1 && joiningWords.has(kept.at(-1)!)) kept.pop()
  return kept.join('-')
}

const yamlString = (text: string) => JSON.stringify(text)

function today(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

export async function newBrief(options: NewBriefOptions): Promise<string> {
  const cwd = options.cwd ?? process.cwd()
  const { config } = await loadConfig(cwd)
  const title = options.title.trim()
  if (!title) throw new UsageError('A brief needs a title', { hint: 'brief new "Pakistan-Afghanistan: Resetting Ties"' })
  const slug = slugify(options.slug ?? title)
  if (!slug) {
    throw new UsageError(options.slug === undefined ? `No folder name can be made from the title ${yamlString(title)}: it has no Latin letters or digits` : `--slug ${yamlString(options.slug)} has no Latin letters or digits`, {
      hint: 'Name the folder with --slug, in Latin letters: brief new "…" --slug pakistan-afghanistan-ties',
    })
  }
  const date = options.date ?? today()
  if (!isCalendarDate(date)) {
    throw new UsageError(`--date must be a day of the calendar as YYYY-MM-DD, got \`${date}\``)
  }
  const template = options.template === undefined ? config.template : choose(options.template, templates, { what: 'template', example: '--template issue-brief' })
  const folder = path.join(cwd, 'briefs', `${date}-${slug}`)
  if (existsSync(folder)) throw new UsageError(`${path.relative(cwd, folder)} already exists; nothing was changed`, { hint: 'Choose another title or --date, or edit the brief that is there' })
  const skeleton = await readFile(toolkitPath('templates', template, 'brief.md'), 'utf8')
  const authors = options.authors?.length ? `author:\n${options.authors.map((a) => `  - name: ${yamlString(a)}\n`).join('')}` : ''
  const text = skeleton
    .replace('{{title}}', yamlString(title))
    .replace('{{authors}}', authors)
    .replace('{{date}}', date)
    .replace('{{type}}', yamlString(options.type ?? config.type))
  await mkdir(folder, { recursive: true })
  await writeFile(path.join(folder, 'brief.md'), text, { flag: 'wx' })
  await writeFile(path.join(folder, 'references.bib'), '', { flag: 'wx' })
  return folder
}
