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

export interface NewBriefOptions {
  title: string
  authors?: string[]
  /** YYYY-MM-DD (default: today). */
  date?: string
  /** Series label (default: the configuration's). */
  type?: string
  /** Template name (default: the configuration's). */
  template?: string
  /** Folder holding briefs/ and brief.config.yaml (default: cwd). */
  cwd?: string
}

/** ASCII, lower case, words joined by hyphens: "Çitrāl and Beyond!" → "citral-and-beyond". */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ıİ]/g, 'i')
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
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
  const slug = slugify(title)
  if (!slug) throw new UsageError(`No folder name can be made from the title ${yamlString(title)}`, { hint: 'Use a title with some Latin letters or digits' })
  const date = options.date ?? today()
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new UsageError(`--date must be YYYY-MM-DD, got \`${date}\``)
  }
  const template = options.template ?? config.template
  if (!(templates as readonly string[]).includes(template)) throw new UsageError(`Unknown template \`${template}\``, { hint: `Available: ${templates.join(', ')}` })
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
