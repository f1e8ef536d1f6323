/**
 * The Issue Brief template: the document around the body, for the web page, the print page and
 * the e-book's title page. It draws the title block (src/brief/title-block.ts, which decides
 * its wording) as the seed lays it out; the body and notes come from the pipeline.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { h } from 'hastscript'
import { normalizeUri } from 'micromark-util-sanitize-uri'
import type { BriefMeta } from '../src/brief/front-matter.ts'
import type { TitleBlock } from '../src/brief/title-block.ts'
import type { InstituteConfig } from '../src/config/schema.ts'

export interface TemplateContext {
  meta: BriefMeta
  config: InstituteConfig
  /** The title block, made once by the Markdown stage (src/brief/title-block.ts). */
  block: TitleBlock
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

function contactLine(block: TitleBlock): ElementContent[] {
  return block.contact.map((part) => h(`span.${part.kind}`, part.href ? [`${part.label}: `, h('a', { href: part.href }, part.text)] : `${part.label}: ${part.text}`))
}

function author(a: TitleBlock['authors'][number]): Element {
  return h('div.author', [
    h('p.author-name', a.name),
    a.role ? h('p.author-role', a.role) : undefined,
    a.affiliation ? h('p.author-affiliation', a.affiliation) : undefined,
    a.email ? h('p.author-email', ['Email: ', h('a', { href: normalizeUri(`mailto:${a.email.trim()}`) }, a.email)]) : undefined,
  ])
}

/** The title block as a header: series label, institute, contact line, title, subtitle, authors, date, revised date and disclaimer; the logo above them when there is one. */
export function masthead(block: TitleBlock, logoSrc?: string): Element {
  const contact = contactLine(block)
  return h('header.masthead', [
    logoSrc && block.logo ? h('img.logo', { src: logoSrc, alt: block.logo.alt }) : undefined,
    h('p.series', block.series),
    h('p.institute', block.institute),
    contact.length ? h('p.contact', contact) : undefined,
    h('h1.title', block.title),
    block.subtitle ? h('p.subtitle', block.subtitle) : undefined,
    block.authors.length
      ? h('div.byline', [h('p.by', 'By'), h('div.authors', { dataCount: String(block.authors.length) }, block.authors.map(author))])
      : undefined,
    block.date ? h('p.date', h('time', { dateTime: block.date.iso }, block.date.text)) : undefined,
    block.revised ? h('p.revised', [`${block.revised.label} `, h('time', { dateTime: block.revised.iso }, block.revised.text)]) : undefined,
    block.disclaimer ? h('p.disclaimer', block.disclaimer) : undefined,
  ])
}

/** The abstract, printed before the text; none when the brief has none. */
export function abstractSection(block: TitleBlock): Element[] {
  return block.abstract ? [h('section.abstract', { ariaLabel: 'Abstract' }, h('p', block.abstract))] : []
}

/**
 * What scholarly indexes (Google Scholar's `citation_*` tags) and link previews (Open Graph)
 * read to list the page as a publication of the institute. A re-issue keeps the publication
 * date and says when it was corrected in `article:modified_time` (and `dcterms.modified`
 * below); Google Scholar's tags have none for a revision (`citation_online_date` is when it
 * first went online), so they stay as first issued and the corrected page is the same paper.
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
  if (meta.dateModified) tags.push(property('article:modified_time', meta.dateModified))
  for (const author of meta.authors) tags.push(property('article:author', author.name))
  for (const keyword of meta.keywords) tags.push(property('article:tag', keyword))
  return tags
}

export function issueBriefTemplate(ctx: TemplateContext): Root {
  const { meta, config, block } = ctx
  const series = block.series
  const header = masthead(block, ctx.logoSrc)
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
  if (meta.dateModified) headMeta.push(h('meta', { name: 'dcterms.modified', content: meta.dateModified }))
  headMeta.push(...publicationMeta(meta, config, series))
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: meta.lang }, [
        h('head', [...headMeta, ...(ctx.head ?? []), h('style', ctx.css)]),
        h('body.brief', [header, h('main', [...abstractSection(block), ...(ctx.body as ElementContent[])])]),
      ]),
    ],
  }
}
