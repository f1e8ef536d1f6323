/**
 * The title block as data: what the seed prints above the text (logo, series label, institute,
 * contact line, title, subtitle, "By" and the authors, date, revised date, disclaimer) and the abstract that
 * follows it. Made once per brief by the Markdown stage (`file.data.titleBlock`); every output
 * draws it in its own markup (templates/issue-brief.ts for the web page, print and e-book,
 * src/render/docx/ for Word) and decides nothing about its wording.
 */
import type { Logo } from '../config/logo.ts'
import type { InstituteConfig } from '../config/schema.ts'
import { smartText } from '../typeset/smart.ts'
import { displayDate, type Author, type BriefMeta } from './front-matter.ts'

/** One part of the contact line: "Web: www.issi.org.pk", with where it links. */
export interface ContactPart {
  kind: 'web' | 'phone' | 'fax'
  label: string
  text: string
  href?: string
}

export interface TitleBlock {
  logo?: Logo & { alt: string }
  series: string
  institute: string
  contact: ContactPart[]
  title: string
  subtitle?: string
  authors: Author[]
  date?: { iso: string; text: string }
  /**
   * The day of the last correction (`date-modified`), printed under the date as
   * "Revised June 20, 2025": `label` is the word before the date, `text` the date as `date`'s.
   */
  revised?: { iso: string; label: string; text: string }
  /** As printed, in parentheses; agrees with the number of authors. */
  disclaimer?: string
  abstract?: string
}

/**
 * The institute's default disclaimer speaks of "the author"; with several authors it says
 * "the authors" (a brief's own `disclaimer:` is printed as written).
 */
function forAuthors(disclaimer: string, count: number): string {
  return count > 1 ? disclaimer.replace(/\bthe author\b(?!s)/g, 'the authors').replace(/\bauthor’s\b/g, 'authors’') : disclaimer
}

function contactLine(config: InstituteConfig): ContactPart[] {
  const parts: ContactPart[] = []
  if (config.web) parts.push({ kind: 'web', label: 'Web', text: config.web, href: `https://${config.web.replace(/^https?:\/\//, '')}` })
  if (config.phone) parts.push({ kind: 'phone', label: 'Phone', text: config.phone })
  if (config.fax) parts.push({ kind: 'fax', label: 'Fax', text: config.fax })
  return parts
}

export function titleBlock(meta: BriefMeta, config: InstituteConfig, logo?: Logo): TitleBlock {
  const disclaimer = meta.disclaimer ?? (config.disclaimer && forAuthors(smartText(config.disclaimer, meta.lang), meta.authors.length))
  return {
    ...(logo ? { logo: { ...logo, alt: `${config.name} logo` } } : {}),
    series: meta.type ?? config.type,
    institute: config.name,
    contact: contactLine(config),
    title: meta.title,
    ...(meta.subtitle ? { subtitle: meta.subtitle } : {}),
    authors: meta.authors,
    ...(meta.date ? { date: { iso: meta.date, text: displayDate(meta.date, meta.lang) } } : {}),
    ...(meta.dateModified ? { revised: { iso: meta.dateModified, label: 'Revised', text: displayDate(meta.dateModified, meta.lang) } } : {}),
    ...(disclaimer ? { disclaimer: `(${disclaimer.replace(/^\(|\)$/g, '')})` } : {}),
    ...(meta.abstract ? { abstract: meta.abstract } : {}),
  }
}
