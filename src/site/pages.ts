/**
 * The site's own pages, as hast: the archive (the index, a page per author, keyword and year,
 * each split into pages of `pageSize`), the lists of authors, keywords and years, and the
 * search page. They share the brief page's stylesheet (fonts, colours, the masthead's series
 * and institute lines) and add styles/site.css.
 *
 * Every link is relative (`root` is `''` at the top, `'../'` one folder down), so the folder
 * works from any address and from `file://`. No page but search.html loads a script.
 */
import type { Element, ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import type { SiteEntry } from './entry.ts'

/** Briefs a page lists before the next page starts. */
export const pageSize = 20

/**
 * What a page may load: its folder's files only (`'self'`), inline styles and `data:` images
 * of the brief pages (their tables and image store), no script but search.html's own files,
 * no frames, no forms sent anywhere else, no base change.
 */
export function contentSecurityPolicy(scripts: boolean): string {
  return [
    "default-src 'none'",
    `script-src ${scripts ? "'self'" : "'none'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ')
}

export interface SiteContext {
  /** The institute's name, as the masthead prints it. */
  institute: string
  /** The series' plural for the site's name: "Issue Briefs". */
  series: string
  /** The site's address with a final `/` (--base-url), when given. */
  baseUrl?: string
  lang: string
}

export interface PageSpec {
  /** Path inside the site, `/`-separated: `authors/amina-khan.html`. */
  path: string
  title: string
  /** The page's heading (default: title). */
  heading?: string
  description?: string
  body: ElementContent[]
  scripts?: string[]
}

const rootOf = (page: string) => '../'.repeat(page.split('/').length - 1)

/** The bar at the top of every page: the site's name home, the archive's ways in, and search. */
export function siteBar(root: string, ctx: SiteContext, current?: string): Element {
  const link = (href: string, text: string) => h('li', h('a', { href: root + href, ...(current === href ? { ariaCurrent: 'page' } : {}) }, text))
  return h('nav.site-bar', { ariaLabel: 'Site' }, [
    h('a.site-name', { href: `${root}index.html` }, [h('span.site-series', ctx.series), ' ', h('span.site-institute', ctx.institute)]),
    h('ul', [link('index.html', 'All briefs'), link('authors/index.html', 'Authors'), link('keywords/index.html', 'Keywords'), link('years/index.html', 'Years'), link('search.html', 'Search')]),
  ])
}

function searchForm(root: string, id: string, value?: string): Element {
  return h('form.site-search', { role: 'search', action: `${root}search.html`, method: 'get' }, [
    h('label', { for: id }, 'Search the briefs'),
    h('input', { id, type: 'search', name: 'q', ...(value ? { value } : {}) }),
    h('button', { type: 'submit' }, 'Search'),
  ])
}

/** A whole archive page. */
export function sitePage(spec: PageSpec, ctx: SiteContext): Root {
  const root = rootOf(spec.path)
  const head: ElementContent[] = [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { httpEquiv: 'Content-Security-Policy', content: contentSecurityPolicy(Boolean(spec.scripts?.length)) }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', `${spec.title} · ${ctx.series} · ${ctx.institute}`),
  ]
  if (spec.description) head.push(h('meta', { name: 'description', content: spec.description }))
  if (ctx.baseUrl) {
    head.push(h('link', { rel: 'canonical', href: ctx.baseUrl + spec.path }))
    head.push(h('meta', { property: 'og:url', content: ctx.baseUrl + spec.path }))
  }
  head.push(
    h('meta', { property: 'og:type', content: 'website' }),
    h('meta', { property: 'og:title', content: spec.title }),
    h('meta', { property: 'og:site_name', content: ctx.institute }),
    ...(spec.description ? [h('meta', { property: 'og:description', content: spec.description })] : []),
    h('link', { rel: 'alternate', type: 'application/atom+xml', title: `${ctx.series}: the latest`, href: `${root}feed.xml` }),
    // No icon: the browser would ask the host for /favicon.ico, outside the site's folder.
    h('link', { rel: 'icon', href: 'data:,' }),
    h('link', { rel: 'stylesheet', href: `${root}assets/brief.css` }),
    h('link', { rel: 'stylesheet', href: `${root}assets/site.css` }),
  )
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: ctx.lang }, [
        h('head', head),
        h('body.site', [
          h('header.site-head', [siteBar(root, ctx, spec.path), spec.path === 'search.html' ? undefined : searchForm(root, 'site-q')]),
          h('main', { id: 'main' }, [h('h1', spec.heading ?? spec.title), ...spec.body]),
          h('footer.site-foot', [
            h('p', [h('a', { href: `${root}feed.xml` }, 'Atom feed'), ' · ', h('a', { href: `${root}briefs.json` }, 'All briefs as data (briefs.json)')]),
          ]),
          ...(spec.scripts ?? []).map((src) => h('script', { src: root + src })),
        ]),
      ]),
    ],
  }
}

/** "Amina Khan and Omar Shah", "A, B and C". */
export function joinNames(parts: ElementContent[][]): ElementContent[] {
  return parts.flatMap((part, i) => [...(i === 0 ? [] : i === parts.length - 1 ? [{ type: 'text' as const, value: ' and ' }] : [{ type: 'text' as const, value: ', ' }]), ...part])
}

/** One brief in a list: title, subtitle, authors, date, abstract and keywords, each linked. */
export function listing(entry: SiteEntry, root: string): Element {
  const authors = joinNames(entry.authors.map((a) => [h('a', { href: `${root}authors/${a.slug}.html` }, a.name)]))
  return h('article.listing', [
    h('h2.listing-title', h('a', { href: `${root}briefs/${entry.slug}.html` }, entry.title)),
    entry.subtitle ? h('p.listing-subtitle', entry.subtitle) : undefined,
    h('p.listing-meta', [
      ...(authors.length ? ['By ', ...authors] : []),
      ...(authors.length && entry.date ? [' · '] : []),
      ...(entry.date ? [h('a', { href: `${root}years/${entry.date.slice(0, 4)}.html` }, h('time', { dateTime: entry.date }, entry.dateText ?? entry.date))] : []),
    ]),
    entry.abstract ? h('p.listing-abstract', entry.abstract) : undefined,
    entry.keywords.length
      ? h('ul.keywords', { ariaLabel: `Keywords of ${entry.title}` }, entry.keywords.map((k) => h('li', h('a', { href: `${root}keywords/${k.slug}.html` }, k.name))))
      : undefined,
  ])
}

/** The file of page `n` (1-based) of a list whose first page is `first` (`authors/x.html`). */
export const pagePath = (first: string, n: number): string => (n === 1 ? first : first.replace(/\.html$/, `-p${n}.html`))

/**
 * A list of briefs split into pages: each page's spec, with "Newer" / "Older" links and the
 * page numbers between them.
 */
export function pagedListing(first: string, title: string, entries: SiteEntry[], options: { description?: string; intro?: ElementContent[] } = {}): PageSpec[] {
  const count = Math.max(1, Math.ceil(entries.length / pageSize))
  const root = rootOf(first)
  const name = (p: string) => p.split('/').at(-1)!
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1
    const path = pagePath(first, n)
    const pager =
      count > 1
        ? h('nav.pager', { ariaLabel: 'Pages' }, [
            h('ul', [
              n > 1 ? h('li', h('a', { href: name(pagePath(first, n - 1)), rel: 'prev' }, 'Newer')) : undefined,
              ...Array.from({ length: count }, (_, j) =>
                h('li', j + 1 === n ? h('a', { href: name(pagePath(first, j + 1)), ariaCurrent: 'page' }, String(j + 1)) : h('a', { href: name(pagePath(first, j + 1)), ariaLabel: `Page ${j + 1}` }, String(j + 1))),
              ),
              n < count ? h('li', h('a', { href: name(pagePath(first, n + 1)), rel: 'next' }, 'Older')) : undefined,
            ]),
          ])
        : undefined
    const shown = entries.slice(i * pageSize, n * pageSize)
    return {
      path,
      title: count > 1 ? `${title} (page ${n} of ${count})` : title,
      heading: title,
      ...(options.description ? { description: options.description } : {}),
      body: [
        ...(options.intro ?? []),
        h('p.count', `${entries.length} ${entries.length === 1 ? 'brief' : 'briefs'}${count > 1 ? `, page ${n} of ${count}` : ''}`),
        ...shown.map((e) => listing(e, root)),
        ...(pager ? [pager] : []),
      ],
    }
  })
}

/** The list of every author, keyword or year, with how many briefs each has. */
export function termList(path: string, title: string, terms: Array<{ name: string; href: string; count: number }>): PageSpec {
  return {
    path,
    title,
    body: [h('ul.terms', terms.map((t) => h('li', [h('a', { href: t.href }, t.name), ` (${t.count})`])))],
  }
}

/** The search page: the form, the status line (what to do without JavaScript), the results. */
export function searchPage(): PageSpec {
  return {
    path: 'search.html',
    title: 'Search',
    heading: 'Search the briefs',
    body: [
      searchForm('', 'q'),
      h('p#search-status.search-status', { role: 'status' }, [
        'Searching needs JavaScript, which is off in this browser. Browse the briefs ',
        h('a', { href: 'authors/index.html' }, 'by author'),
        ', ',
        h('a', { href: 'keywords/index.html' }, 'by keyword'),
        ' or ',
        h('a', { href: 'years/index.html' }, 'by year'),
        ' instead.',
      ]),
      h('ol#results.results'),
    ],
    scripts: ['assets/minisearch.js', 'assets/search-index.js', 'assets/search.js'],
  }
}
