/**
 * A brief's page on the site: the web page exactly as `brief build` wrote it, with the site
 * around it. Added: a Content-Security-Policy, the canonical address and the `citation_*` /
 * Open Graph tags that need one, the site's bar above the masthead, the brief's files and
 * archive pages under it, and the "Cite this brief" box at the end of the text. The page's
 * inlined stylesheet and fonts (about 300 kB a page) become the one shared
 * `assets/brief.css`, when they are the toolkit's own (compared whole).
 *
 * The built page is not parsed again: the site's parts go in at the places the template
 * always writes (`<meta charset="utf-8">`, `</head>`, `<body class="brief">`, `<main>`, the
 * last `</main>`); a page without them is a page this toolkit did not write, and is refused.
 */
import type { ElementContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import type { Citation } from './cite.ts'
import type { SiteEntry } from './entry.ts'
import { contentSecurityPolicy, joinNames, siteBar, type SiteContext } from './pages.ts'

export interface BriefFiles {
  pdf?: { name: string; bytes: number }
  epub?: { name: string; bytes: number }
}

const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`)

/** Where the brief is filed and what it comes as: files, authors, keywords, year. */
function briefLinks(entry: SiteEntry, files: BriefFiles): ElementContent {
  const downloads = [
    files.pdf ? h('li', h('a', { href: files.pdf.name, type: 'application/pdf' }, `PDF (${size(files.pdf.bytes)})`)) : undefined,
    files.epub ? h('li', h('a', { href: files.epub.name, type: 'application/epub+zip' }, `EPUB e-book (${size(files.epub.bytes)})`)) : undefined,
    h('li', h('a', { href: '#cite-this-brief' }, 'Cite this brief')),
  ]
  const authors = joinNames(entry.authors.map((a) => [h('a', { href: `../authors/${a.slug}.html` }, a.name)]))
  return h('nav.brief-links', { ariaLabel: 'This brief' }, [
    h('ul.downloads', downloads),
    h('p.filed', [
      ...(authors.length ? ['More by ', ...authors] : []),
      ...(entry.date ? [authors.length ? ' · ' : '', 'More from ', h('a', { href: `../years/${entry.date.slice(0, 4)}.html` }, entry.date.slice(0, 4))] : []),
    ]),
    entry.keywords.length ? h('ul.keywords', { ariaLabel: 'Keywords' }, entry.keywords.map((k) => h('li', h('a', { href: `../keywords/${k.slug}.html` }, k.name)))) : undefined,
  ])
}

/** The box: each style's entry, then the files to download. */
function citeBox(entry: SiteEntry, citation: Citation): ElementContent {
  const formatted = citation.formatted.map(({ label, html }) =>
    h('div.cite-style', [h('h3', label), h('p.cite-text', fromHtml(html, { fragment: true }).children as ElementContent[])]),
  )
  return h('section.cite-box', { ariaLabelledBy: 'cite-this-brief' }, [
    h('h2', { id: 'cite-this-brief' }, 'Cite this brief'),
    ...formatted,
    h('p.cite-files', [
      'Download the citation: ',
      h('a', { href: `${entry.slug}.bib`, download: '' }, 'BibTeX'),
      ' · ',
      h('a', { href: `${entry.slug}.ris`, download: '' }, 'RIS'),
      ' · ',
      h('a', { href: `${entry.slug}.csl.json`, download: '' }, 'CSL-JSON'),
    ]),
  ])
}

export class NotABriefPage extends Error {}

/**
 * The site's page for a brief. `built` is the web page from the build; `inlineCss` the
 * stylesheet a build inlines (replaced by `../assets/brief.css` when the page holds it).
 */
export function briefPage(built: string, entry: SiteEntry, citation: Citation, files: BriefFiles, ctx: SiteContext, inlineCss: string): string {
  const need = (marker: string) => {
    const at = built.indexOf(marker)
    if (at < 0) throw new NotABriefPage(`the web page has no ${marker}`)
    return at
  }
  const charset = '<meta charset="utf-8">'
  need(charset)
  const url = ctx.baseUrl ? `${ctx.baseUrl}briefs/${entry.slug}.html` : undefined
  const head = [
    h('link', { rel: 'icon', href: 'data:,' }),
    h('link', { rel: 'stylesheet', href: '../assets/site.css' }),
    h('link', { rel: 'alternate', type: 'application/atom+xml', title: `${ctx.series}: the latest`, href: '../feed.xml' }),
    ...(url
      ? [
          h('link', { rel: 'canonical', href: url }),
          h('meta', { property: 'og:url', content: url }),
          h('meta', { name: 'citation_abstract_html_url', content: url }),
          ...(files.pdf ? [h('meta', { name: 'citation_pdf_url', content: `${ctx.baseUrl}briefs/${files.pdf.name}` })] : []),
        ]
      : []),
  ]
  let page = built.replace(charset, `${charset}${toHtml(h('meta', { httpEquiv: 'Content-Security-Policy', content: contentSecurityPolicy(false) }))}`)
  const style = `<style>${inlineCss}</style>`
  if (inlineCss && page.includes(style)) page = page.replace(style, toHtml(h('link', { rel: 'stylesheet', href: '../assets/brief.css' })))
  const endHead = page.indexOf('</head>')
  const body = page.indexOf('<body class="brief">')
  const main = page.indexOf('<main>')
  const endMain = page.lastIndexOf('</main>')
  if (endHead < 0 || body < 0 || main < 0 || endMain < main) throw new NotABriefPage('the web page is not one the toolkit wrote')
  const bodyTag = '<body class="brief">'
  return (
    page.slice(0, endHead) +
    toHtml(head) +
    page.slice(endHead, body + bodyTag.length) +
    toHtml(siteBar('../', ctx)) +
    page.slice(body + bodyTag.length, main) +
    toHtml(briefLinks(entry, files)) +
    page.slice(main, endMain) +
    toHtml(citeBox(entry, citation)) +
    page.slice(endMain)
  )
}
