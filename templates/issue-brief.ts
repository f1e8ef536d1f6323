/**
 * The Issue Brief template: the document around the body. The masthead and title block follow
 * the seed (series label, institute, contact line, title, subtitle, "By" authors, date,
 * disclaimer); the body and notes come from the pipeline.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { h } from 'hastscript'
import type { BriefMeta } from '../src/brief/front-matter.ts'
import { displayDate } from '../src/brief/front-matter.ts'
import type { InstituteConfig } from '../src/config/schema.ts'
import { smartText } from '../src/typeset/smart.ts'

export interface TemplateContext {
  meta: BriefMeta
  config: InstituteConfig
  /** The brief's body as hast, notes section included. */
  body: RootContent[]
  /** Stylesheet text, inlined so the page is one file. */
  css: string
  /** Extra head elements (fonts, scripts of the toolkit itself). */
  head?: Element[]
  /** The institute's logo, as the page can load it. */
  logoSrc?: string
  generator: string
}

function contactLine(config: InstituteConfig): ElementContent[] {
  const parts: ElementContent[] = []
  if (config.web) parts.push(h('span.web', ['Web: ', h('a', { href: `https://${config.web.replace(/^https?:\/\//, '')}` }, config.web)]))
  if (config.phone) parts.push(h('span.phone', `Phone: ${config.phone}`))
  if (config.fax) parts.push(h('span.fax', `Fax: ${config.fax}`))
  return parts
}

function author(a: BriefMeta['authors'][number]): Element {
  return h('div.author', [
    h('p.author-name', a.name),
    a.role ? h('p.author-role', a.role) : undefined,
    a.affiliation ? h('p.author-affiliation', a.affiliation) : undefined,
    a.email ? h('p.author-email', ['Email: ', h('a', { href: `mailto:${a.email}` }, a.email)]) : undefined,
  ])
}

/**
 * The institute's default disclaimer speaks of "the author"; with several authors it says
 * "the authors" (a brief's own `disclaimer:` is printed as written).
 */
function forAuthors(disclaimer: string, count: number): string {
  return count > 1 ? disclaimer.replace(/\bthe author\b(?!s)/g, 'the authors').replace(/\bauthor’s\b/g, 'authors’') : disclaimer
}

/** Series label, institute, contact line, title, subtitle, authors, date and disclaimer; the logo above them when there is one. */
export function masthead(meta: BriefMeta, config: InstituteConfig, logoSrc?: string): Element {
  const series = meta.type ?? config.type
  const disclaimer = meta.disclaimer ?? (config.disclaimer && forAuthors(smartText(config.disclaimer, meta.lang), meta.authors.length))
  const contact = contactLine(config)
  return h('header.masthead', [
    logoSrc ? h('img.logo', { src: logoSrc, alt: `${config.name} logo` }) : undefined,
    h('p.series', series),
    h('p.institute', config.name),
    contact.length ? h('p.contact', contact) : undefined,
    h('h1.title', meta.title),
    meta.subtitle ? h('p.subtitle', meta.subtitle) : undefined,
    meta.authors.length
      ? h('div.byline', [h('p.by', 'By'), h('div.authors', { dataCount: String(meta.authors.length) }, meta.authors.map(author))])
      : undefined,
    meta.date ? h('p.date', h('time', { dateTime: meta.date }, displayDate(meta.date, meta.lang))) : undefined,
    disclaimer ? h('p.disclaimer', `(${disclaimer.replace(/^\(|\)$/g, '')})`) : undefined,
  ])
}

/**
 * What scholarly indexes (Google Scholar's `citation_*` tags) and link previews (Open Graph)
 * read to list the page as a publication of the institute.
 */
function publicationMeta(meta: BriefMeta, config: InstituteConfig, series: string): Element[] {
  const tag = (name: string, content: string) => h('meta', { name, content })
  const property = (name: string, content: string) => h('meta', { property: name, content })
  const tags: Element[] = [tag('citation_title', meta.title)]
  for (const author of meta.authors) tags.push(tag('citation_author', author.name))
  if (meta.date) tags.push(tag('citation_publication_date', meta.date.replaceAll('-', '/')))
  tags.push(tag('citation_technical_report_institution', config.name), tag('citation_series_title', series), tag('citation_language', meta.lang))
  if (meta.keywords.length) tags.push(tag('citation_keywords', meta.keywords.join('; ')))
  if (meta.abstract) tags.push(tag('citation_abstract', meta.abstract))
  tags.push(property('og:type', 'article'), property('og:title', meta.title), property('og:site_name', config.name), property('og:locale', meta.lang.replace('-', '_')))
  if (meta.abstract) tags.push(property('og:description', meta.abstract))
  if (meta.date) tags.push(property('article:published_time', meta.date))
  for (const author of meta.authors) tags.push(property('article:author', author.name))
  for (const keyword of meta.keywords) tags.push(property('article:tag', keyword))
  return tags
}

export function issueBriefTemplate(ctx: TemplateContext): Root {
  const { meta, config } = ctx
  const series = meta.type ?? config.type
  const header = masthead(meta, config, ctx.logoSrc)
  const headMeta: Element[] = [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', meta.title),
    h('meta', { name: 'generator', content: ctx.generator }),
  ]
  if (meta.authors.length) headMeta.push(h('meta', { name: 'author', content: meta.authors.map((a) => a.name).join(', ') }))
  if (meta.keywords.length) headMeta.push(h('meta', { name: 'keywords', content: meta.keywords.join(', ') }))
  headMeta.push(h('meta', { name: 'subject', content: series }))
  if (meta.abstract) headMeta.push(h('meta', { name: 'description', content: meta.abstract }))
  if (meta.date) headMeta.push(h('meta', { name: 'dcterms.date', content: meta.date }))
  headMeta.push(...publicationMeta(meta, config, series))
  const abstract = meta.abstract ? [h('section.abstract', { ariaLabel: 'Abstract' }, h('p', meta.abstract))] : []
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: meta.lang }, [
        h('head', [...headMeta, ...(ctx.head ?? []), h('style', ctx.css)]),
        h('body.brief', [header, h('main', [...abstract, ...(ctx.body as ElementContent[])])]),
      ]),
    ],
  }
}
