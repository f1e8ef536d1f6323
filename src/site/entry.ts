/**
 * A brief as the site lists it (an entry): its front matter read the way the Markdown stage
 * reads it (src/brief/front-matter.ts, smart punctuation in the brief's language, the title
 * block's series, institute and dates), and the words of its web page for the search.
 *
 * Glossary: an *entry* is what every archive page, the feed, the search and briefs.json say of
 * one brief; a *listing* is the part of it an archive page prints (so a change to the body
 * only rewrites the brief's own page and the search index, never the archive pages).
 */
import { VFile } from 'vfile'
import { readBriefText } from '../brief/read.ts'
import { readFrontMatter } from '../brief/front-matter.ts'
import { titleBlock } from '../brief/title-block.ts'
import type { BriefLocation } from '../brief/paths.ts'
import type { InstituteConfig } from '../config/schema.ts'
import { smartText } from '../typeset/smart.ts'

export interface SiteAuthor {
  name: string
  affiliation?: string
  /** The author's page, under authors/. */
  slug: string
}

export interface SiteEntry {
  slug: string
  title: string
  subtitle?: string
  authors: SiteAuthor[]
  /** YYYY-MM-DD; undefined when the brief has none (listed last). */
  date?: string
  /** As the brief prints it ("April 7, 2025"). */
  dateText?: string
  dateModified?: string
  lang: string
  keywords: Array<{ name: string; slug: string }>
  abstract?: string
  series: string
  institute: string
}

/** A name or keyword as a file name: lower-case ASCII words joined by hyphens (accents folded). */
export function slugify(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ʿʾ’']/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  // A name of another script only: a stable name from its letters' code points.
  return ascii || `x${[...text].map((c) => c.codePointAt(0)!.toString(36)).join('').slice(0, 40)}`
}

/** The YAML block at the top of a brief, and the line it starts on; none when there is no block. */
function frontMatterBlock(text: string): { yaml: string; line: number } | undefined {
  const match = /^---[ \t]*\n([\s\S]*?)(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text)
  return match ? { yaml: match[1] ?? '', line: 2 } : undefined
}

/**
 * The entry of a brief that built: undefined when its front matter cannot be read (the build
 * would have failed then, so this does not happen for a built brief).
 */
export async function readEntry(brief: BriefLocation, config: InstituteConfig): Promise<SiteEntry | undefined> {
  const read = await readBriefText(brief.file)
  if ('problem' in read) return undefined
  const block = frontMatterBlock(read.text)
  const file = new VFile({ path: brief.file })
  const meta = readFrontMatter(block?.yaml ?? '', { line: block?.line ?? 1, column: 1, offset: 4 }, file)
  if (!meta) return undefined
  const smart = (text: string | undefined) => (text === undefined ? undefined : smartText(text, meta.lang))
  const typeset = { ...meta, title: smart(meta.title)!, subtitle: smart(meta.subtitle), abstract: smart(meta.abstract), authors: meta.authors.map((a) => ({ ...a, name: smart(a.name)!, affiliation: smart(a.affiliation) })) }
  const title = titleBlock(typeset, config)
  return {
    slug: brief.slug,
    title: typeset.title,
    ...(typeset.subtitle ? { subtitle: typeset.subtitle } : {}),
    authors: typeset.authors.map((a) => ({ name: a.name, ...(a.affiliation ? { affiliation: a.affiliation } : {}), slug: slugify(a.name) })),
    ...(meta.date ? { date: meta.date, dateText: title.date?.text } : {}),
    ...(meta.dateModified ? { dateModified: meta.dateModified } : {}),
    lang: meta.lang,
    keywords: meta.keywords.map((k) => ({ name: smart(k)!, slug: slugify(k) })),
    ...(typeset.abstract ? { abstract: typeset.abstract } : {}),
    series: title.series,
    institute: title.institute,
  }
}

/** Newest first; briefs of one day by title; undated ones last. */
export function newestFirst(a: SiteEntry, b: SiteEntry): number {
  if (a.date !== b.date) return !a.date ? 1 : !b.date ? -1 : a.date < b.date ? 1 : -1
  return a.title.localeCompare(b.title, 'en') || a.slug.localeCompare(b.slug)
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/**
 * The words of a web page's text (the `<main>` element: abstract, body, notes and
 * bibliography), for the search: tags dropped, character references read, white space
 * collapsed. Styles and the hidden image store (`<svg>` and `<style>`) hold no words, and note calls
 * (`<sup>`) are numbers that would stick to the word before them.
 */
export function pageText(html: string): string {
  const start = html.indexOf('<main')
  const end = html.lastIndexOf('</main>')
  const main = start >= 0 && end > start ? html.slice(start, end) : ''
  return main
    .replace(/<(style|script|svg|sup)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<(?:p|div|li|h[1-6]|section|aside|td|th|tr|br|figcaption|blockquote|dt|dd)\b[^>]*>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
      if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)))
      return entities[ref.toLowerCase()] ?? whole
    })
    .replace(/\s+/g, ' ')
    .trim()
}
