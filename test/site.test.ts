/**
 * `brief site`: a site built from generated briefs (several authors, keywords and years, and
 * the example brief), checked as the web team and its readers meet it. Every link and asset
 * resolves; the Atom feed and the sitemap validate against their schemas (xmllint);
 * each "cite this brief" format reads back into the brief's metadata (pandoc for BibTeX and
 * CSL-JSON, our reader for RIS); and after one brief changes, only its files and the pages
 * listing it are written again (modification times). The same site in Chromium (no request
 * outside the folder, the search, axe-core at 390 px and 1280 px on every kind of page, the
 * page without JavaScript) is checked in the long run: test/stress/site-browser.test.ts.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readRis } from '../src/citations/ris.ts'
import { archivePages, buildSite, type SiteReport } from '../src/site/site.ts'
import { slugify, type SiteEntry } from '../src/site/entry.ts'
import { repo, seed } from './helpers/cli.ts'
import { siteProject, type SiteBriefSpec } from './helpers/site.ts'

const schemas = path.join(repo, 'test/schemas')
const baseUrl = 'https://www.issi.org.pk/briefs/'

/** Every file under `dir`, site-relative, dot-files left out. */
function siteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort()
}

const mtimes = (dir: string) => new Map(siteFiles(dir).map((f) => [f, statSync(path.join(dir, f)).mtimeMs]))

describe('brief site', () => {
  let dir: string
  let site: string
  let briefs: SiteBriefSpec[]
  let first: SiteReport

  beforeAll(async () => {
    ;({ dir, briefs } = siteProject(7, { example: true }))
    site = path.join(dir, 'site')
    first = await buildSite({ cwd: dir, baseUrl })
  }, 120_000)

  it('publishes every brief with its files, and the archive around them', () => {
    expect(first.ok).toBe(true)
    expect(first.published).toBe(8)
    const files = siteFiles(site)
    for (const slug of [...briefs.map((b) => b.slug), seed]) {
      for (const ext of ['html', 'epub', 'bib', 'ris', 'csl.json']) expect(files).toContain(`briefs/${slug}.${ext}`)
    }
    for (const file of ['index.html', 'search.html', 'authors/index.html', 'authors/amina-khan.html', 'keywords/index.html', 'keywords/border-security.html', 'years/index.html', 'years/2025.html', 'feed.xml', 'sitemap.xml', 'robots.txt', 'briefs.json', 'assets/brief.css', 'assets/site.css', 'assets/search-index.js']) {
      expect(files).toContain(file)
    }
    // A name with letters outside ASCII has a page of its own too.
    expect(files).toContain('authors/tariq-hasan.html')
    const listing = JSON.parse(readFileSync(path.join(site, 'briefs.json'), 'utf8')) as { briefs: Array<{ slug: string; date: string; files: Record<string, string> }> }
    expect(listing.briefs.map((b) => b.date)).toEqual([...listing.briefs.map((b) => b.date)].sort().reverse())
    expect(listing.briefs.find((b) => b.slug === seed)?.files.html).toBe(`${baseUrl}briefs/${seed}.html`)
    const index = readFileSync(path.join(site, 'index.html'), 'utf8')
    // Newest first.
    const order = [...index.matchAll(/<h2 class="listing-title"><a href="briefs\/([^"]+)\.html"/g)].map((m) => m[1])
    expect(order[0]).toBe([...briefs].sort((a, b) => (a.date < b.date ? 1 : -1))[0]!.slug)
    expect(readFileSync(path.join(site, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${baseUrl}sitemap.xml`)
  })

  it('links only to files that are there, and to places in pages that exist', () => {
    const problems: string[] = []
    const pages = siteFiles(site).filter((f) => f.endsWith('.html'))
    const ids = new Map<string, Set<string>>()
    const idsOf = (file: string) => ids.get(file) ?? ids.set(file, new Set([...readFileSync(path.join(site, file), 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!))).get(file)!
    for (const page of pages) {
      const html = readFileSync(path.join(site, page), 'utf8')
      for (const [, attribute, value] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
        if (/^(https?:|mailto:|data:)/.test(value!)) continue
        const [target, fragment] = value!.replace(/&amp;/g, '&').split('#') as [string, string | undefined]
        const file = target ? path.posix.normalize(path.posix.join(path.posix.dirname(page), target.split('?')[0]!)) : page
        if (!existsSync(path.join(site, file))) problems.push(`${page}: ${attribute}="${value}" → no ${file}`)
        else if (fragment && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(fragment))) problems.push(`${page}: ${value} → no #${fragment} in ${file}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('writes an Atom feed and a sitemap that validate against their schemas', () => {
    const atom = spawnSync('xmllint', ['--noout', '--relaxng', path.join(schemas, 'atom.rng'), path.join(site, 'feed.xml')], { encoding: 'utf8' })
    expect(atom.error, 'xmllint (apt-get install libxml2-utils)').toBeUndefined()
    expect(atom.stderr.trim()).toMatch(/validates$/)
    const map = spawnSync('xmllint', ['--noout', '--schema', path.join(schemas, 'sitemap.xsd'), path.join(site, 'sitemap.xml')], { encoding: 'utf8' })
    expect(map.stderr.trim()).toMatch(/validates$/)
    const feed = readFileSync(path.join(site, 'feed.xml'), 'utf8')
    expect(feed).toContain(`<link rel="alternate" type="text/html" href="${baseUrl}briefs/${seed}.html"/>`)
    expect([...feed.matchAll(/<entry>/g)].length).toBe(8)
  })

  it('gives each brief its citation in the house style, APA and Chicago, and as files that read back', () => {
    const page = readFileSync(path.join(site, 'briefs', `${seed}.html`), 'utf8')
    expect(page).toContain('<h2 id="cite-this-brief">Cite this brief</h2>')
    expect(page).toContain('Khan, A. (2025). <i>Pakistan-Afghanistan: Resetting Ties</i>')
    expect(page).toMatch(/<h3>ISSI house style<\/h3><p class="cite-text">Khan, Amina\. .*April 7, 2025/)
    expect(page).toMatch(/<h3>Chicago<\/h3><p class="cite-text">Khan, Amina\. “Pakistan-Afghanistan: Resetting Ties\.”/)
    expect(page).toContain(`<meta name="citation_title" content="Pakistan-Afghanistan: Resetting Ties">`)
    expect(page).toContain(`<link rel="canonical" href="${baseUrl}briefs/${seed}.html">`)
    const expected = {
      title: 'Pakistan-Afghanistan: Resetting Ties',
      author: [{ family: 'Khan', given: 'Amina' }],
      issued: { 'date-parts': [[2025, 4, 7]] },
      publisher: 'Institute of Strategic Studies Islamabad',
      'collection-title': 'Issue Brief',
      URL: `${baseUrl}briefs/${seed}.html`,
    }
    const pick = (item: Record<string, unknown>) => Object.fromEntries(Object.keys(expected).map((k) => [k, item[k]]))
    for (const [file, from] of [[`${seed}.bib`, 'biblatex'], [`${seed}.csl.json`, 'csljson']]) {
      const read = spawnSync('pandoc', ['-f', from!, '-t', 'csljson', path.join(site, 'briefs', file!)], { encoding: 'utf8' })
      expect(read.status, read.stderr).toBe(0)
      const [item] = JSON.parse(read.stdout) as Array<Record<string, unknown>>
      expect(pick(item!), file).toEqual(expected)
      expect(item!.type, file).toBe('report')
    }
    const [ris] = readRis(readFileSync(path.join(site, 'briefs', `${seed}.ris`), 'utf8'))
    expect(pick(ris!.item)).toEqual(expected)
    expect(ris!.item.type).toBe('report')
  }, 30_000)

  it('writes nothing again when nothing changed, and after one brief changed only its files and the pages that list it', async () => {
    const again = await buildSite({ cwd: dir, baseUrl })
    expect(again.written).toEqual([])
    expect(again.briefs.every((b) => b.skipped)).toBe(true)
    const before = mtimes(site)
    const changed = briefs[2]!
    const file = path.join(dir, 'briefs', changed.slug, 'brief.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace(changed.title, `${changed.title}, revisited`))
    const third = await buildSite({ cwd: dir, baseUrl })
    const after = mtimes(site)
    const touched = [...after.keys()].filter((f) => after.get(f) !== before.get(f)).sort()
    const listing = ['index.html', ...changed.authors.map((a) => `authors/${slugify(a)}.html`), ...changed.keywords.map((k) => `keywords/${slugify(k)}.html`), `years/${changed.date.slice(0, 4)}.html`]
    const own = ['html', 'epub', 'bib', 'ris', 'csl.json'].map((ext) => `briefs/${changed.slug}.${ext}`)
    const data = ['assets/search-index.js', 'briefs.json', 'feed.xml']
    expect(touched).toEqual([...own, ...listing, ...data].sort())
    expect(third.written.sort()).toEqual(touched)
    expect(third.briefs.filter((b) => !b.skipped).map((b) => b.brief.slug)).toEqual([changed.slug])
  }, 60_000)
})

describe('the archive pages', () => {
  const entry = (i: number): SiteEntry => ({
    slug: `b${i}`,
    title: `Brief ${i}`,
    authors: [{ name: 'Amina Khan', slug: 'amina-khan' }],
    date: `20${String(10 + (i % 15)).padStart(2, '0')}-01-01`,
    lang: 'en-US',
    keywords: [{ name: 'trade', slug: 'trade' }],
    series: 'Issue Brief',
    institute: 'Institute of Strategic Studies Islamabad',
  })

  it('splits a long list into pages of 20, linked both ways', () => {
    const pages = archivePages(Array.from({ length: 45 }, (_, i) => entry(i)))
    const paths = pages.map((p) => p.path)
    expect(paths.filter((p) => p.startsWith('index'))).toEqual(['index.html', 'index-p2.html', 'index-p3.html'])
    expect(paths.filter((p) => p.startsWith('authors/'))).toEqual(['authors/index.html', 'authors/amina-khan.html', 'authors/amina-khan-p2.html', 'authors/amina-khan-p3.html'])
    expect(pages.find((p) => p.path === 'index-p2.html')?.title).toBe('All briefs (page 2 of 3)')
    expect(paths).toContain('years/2024.html')
  })
})
