/**
 * What indexers and feed readers read: the Atom feed of the latest briefs (RFC 4287), the
 * sitemap (sitemaps.org 0.9) and robots.txt, which need the site's address (--base-url), and
 * briefs.json, the machine-readable listing of every brief with its metadata and files.
 */
import type { SiteEntry } from './entry.ts'

/** Text for XML: markup characters escaped, characters XML 1.0 forbids left out. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Briefs the feed holds, newest first. */
export const feedSize = 20

export interface SiteBrief {
  entry: SiteEntry
  /** File names beside the page, under briefs/. */
  files: { pdf?: string; epub?: string }
}

/** A day as an Atom date: midnight UTC. */
const atomDate = (day: string) => `${day}T00:00:00Z`

/**
 * The feed. Its ids are the pages' addresses when the site has one; without --base-url, tag:
 * URIs (RFC 4151) from the institute's web address, which stay the same when the site moves.
 */
export function atomFeed(briefs: SiteBrief[], ctx: { institute: string; series: string; web?: string; baseUrl?: string; generator: string }): string {
  const latest = briefs.slice(0, feedSize)
  const authority = (ctx.web ?? 'issi.org.pk').replace(/^https?:\/\//, '').replace(/\/.*$/, '').toLowerCase() || 'localhost'
  const firstDay = latest.map((b) => b.entry.date).filter(Boolean).sort()[0] ?? '2000-01-01'
  const idOf = (page: string, day = firstDay) => (ctx.baseUrl ? ctx.baseUrl + page : `tag:${authority},${day}:${page}`)
  const link = (page: string) => escapeXml(ctx.baseUrl ? ctx.baseUrl + page : page)
  const updated = latest.map((b) => b.entry.dateModified ?? b.entry.date).filter((d): d is string => Boolean(d)).sort().at(-1) ?? firstDay
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(idOf('feed.xml'))}</id>`,
    `  <title>${escapeXml(`${ctx.series} · ${ctx.institute}`)}</title>`,
    `  <updated>${atomDate(updated)}</updated>`,
    `  <author><name>${escapeXml(ctx.institute)}</name></author>`,
    ...(ctx.baseUrl ? [`  <link rel="self" type="application/atom+xml" href="${link('feed.xml')}"/>`] : []),
    `  <link rel="alternate" type="text/html" href="${link('index.html')}"/>`,
    `  <generator>${escapeXml(ctx.generator)}</generator>`,
  ]
  for (const { entry } of latest) {
    const page = `briefs/${entry.slug}.html`
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(idOf(page, entry.date))}</id>`,
      `    <title>${escapeXml(entry.subtitle ? `${entry.title}: ${entry.subtitle}` : entry.title)}</title>`,
      `    <updated>${atomDate(entry.dateModified ?? entry.date ?? firstDay)}</updated>`,
      ...(entry.date ? [`    <published>${atomDate(entry.date)}</published>`] : []),
      ...entry.authors.map((a) => `    <author><name>${escapeXml(a.name)}</name></author>`),
      `    <link rel="alternate" type="text/html" href="${link(page)}"/>`,
      ...(entry.abstract ? [`    <summary>${escapeXml(entry.abstract)}</summary>`] : []),
      ...entry.keywords.map((k) => `    <category term="${escapeXml(k.name)}"/>`),
      '  </entry>',
    )
  }
  lines.push('</feed>', '')
  return lines.join('\n')
}

/** Every page of the site, with the day its brief was last changed where it has one. */
export function sitemap(baseUrl: string, pages: Array<{ path: string; lastmod?: string }>): string {
  const urls = pages.map((p) => `  <url><loc>${escapeXml(baseUrl + p.path)}</loc>${p.lastmod ? `<lastmod>${p.lastmod}</lastmod>` : ''}</url>`)
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n')
}

export const robots = (baseUrl: string): string => `User-agent: *\nAllow: /\n\nSitemap: ${baseUrl}sitemap.xml\n`

/** briefs.json: each brief's metadata and the addresses of its files (absolute with --base-url). */
export function briefsJson(briefs: SiteBrief[], baseUrl?: string): string {
  const url = (file: string) => (baseUrl ?? '') + file
  const list = briefs.map(({ entry, files }) => ({
    slug: entry.slug,
    title: entry.title,
    ...(entry.subtitle ? { subtitle: entry.subtitle } : {}),
    authors: entry.authors.map((a) => ({ name: a.name, ...(a.affiliation ? { affiliation: a.affiliation } : {}), page: url(`authors/${a.slug}.html`) })),
    ...(entry.date ? { date: entry.date } : {}),
    ...(entry.dateModified ? { dateModified: entry.dateModified } : {}),
    lang: entry.lang,
    series: entry.series,
    institute: entry.institute,
    keywords: entry.keywords.map((k) => k.name),
    ...(entry.abstract ? { abstract: entry.abstract } : {}),
    files: {
      html: url(`briefs/${entry.slug}.html`),
      ...(files.pdf ? { pdf: url(`briefs/${files.pdf}`) } : {}),
      ...(files.epub ? { epub: url(`briefs/${files.epub}`) } : {}),
      bibtex: url(`briefs/${entry.slug}.bib`),
      ris: url(`briefs/${entry.slug}.ris`),
      cslJson: url(`briefs/${entry.slug}.csl.json`),
    },
  }))
  return JSON.stringify({ briefs: list }, null, 1) + '\n'
}
