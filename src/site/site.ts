/**
 * `brief site`: every brief published as a static website, on top of `brief build`.
 *
 * 1. The briefs are built by `build()` into the build folder (`output/`), web page and EPUB
 *    (PDF too when asked): a brief whose inputs are unchanged is not built again (the build
 *    record, src/core/incremental.ts). A PDF already built and still current is published
 *    all the same, without printing.
 * 2. Each brief's page is made from its web page (brief-page.ts), with its files and its
 *    citation files beside it, only when the brief's outputs or front matter changed since
 *    the last site run (the site record, `<out>/.brief-site.json`).
 * 3. The archive pages, the search index, the feeds and briefs.json are made from every
 *    brief's entry and written only where their bytes change (files.ts), so one changed
 *    brief rewrites its page and the pages that list it, nothing else.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { toHtml } from 'hast-util-to-html'
import { build, type BriefResult, type Format } from '../core/build.ts'
import { BuildRecords } from '../core/incremental.ts'
import { resolveRun } from '../core/run.ts'
import { UsageError } from '../errors.ts'
import { fontFaceCss, fontFiles } from '../render/shared/fonts.ts'
import { outputCss } from '../render/shared/stylesheet.ts'
import { webStylesheet } from '../render/web/html.ts'
import { toolkitPath } from '../toolkit.ts'
import { generator } from '../version.ts'
import { briefPage, type BriefFiles } from './brief-page.ts'
import { CiteStyles } from './cite.ts'
import { newestFirst, pageText, readEntry, type SiteEntry } from './entry.ts'
import { atomFeed, briefsJson, robots, sitemap, type SiteBrief } from './feeds.ts'
import { SiteWriter } from './files.ts'
import { pagedListing, searchPage, sitePage, termList, type PageSpec, type SiteContext } from './pages.ts'
import { searchIndexScript } from './search.ts'
import { readInput, statStamp } from '../reads.ts'

export interface SiteOptions {
  /** Brief folders, .md files or folders of briefs (default: every brief under briefs/). */
  paths?: string[]
  /** The site's folder (default: `site`). */
  out?: string
  /** Where the briefs are built, and their build record kept (default: `output`, as `brief build`). */
  buildOut?: string
  /** The address the site will be served from; makes canonical URLs, the sitemap and robots.txt (default: none). */
  baseUrl?: string
  /** Formats to build and publish besides the web page: `epub`, `pdf` (default: `html,epub`; a current PDF is published anyway). */
  formats?: Format[]
  /** Folder that paths and brief.config.yaml are relative to (default: cwd). */
  cwd?: string
  /** Rebuild every brief and remake every page (default: false). */
  force?: boolean
  /** Briefs built at once (default: as `brief build`). */
  jobs?: number
  signal?: AbortSignal
  /** Called as each brief is built or found up to date. */
  onBrief?: (result: BriefResult) => void
}

export interface SiteReport {
  ok: boolean
  /** The build's result for each brief. */
  briefs: BriefResult[]
  /** Briefs the site lists. */
  published: number
  /** Site files written this run (site-relative); the others were left as they were. */
  written: string[]
  removed: string[]
  /** Things the web team should know (a style not installed, no base URL). */
  notes: string[]
  /** Milliseconds: the build, then the site. */
  time: { build: number; site: number }
}

interface BriefRecord {
  /** What the brief's page was made from: its outputs' sizes and times, its Markdown's digest. */
  key: string
  entry: SiteEntry
  text: string
  files: BriefFiles
  /** The site files of this brief. */
  made: string[]
}

interface SiteRecord {
  /** The toolkit and the options every page depends on. */
  version: string
  briefs: Record<string, BriefRecord>
  files: string[]
}

export const siteRecordName = '.brief-site.json'

/** `https://example.org/briefs` → `https://example.org/briefs/`; anything but an http(s) address is refused. */
export function normalizeBaseUrl(written: string): string {
  let url: URL
  try {
    url = new URL(written)
  } catch {
    throw new UsageError(`--base-url must be a full web address such as https://www.issi.org.pk/briefs/, got \`${written}\``)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--base-url must start with https:// or http://, got \`${written}\``)
  url.search = ''
  url.hash = ''
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}

const sha = (...parts: Array<string | Uint8Array>) => {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part).update('\0')
  return hash.digest('hex')
}

/** A build output's stamp, or '-' when there is none: a rebuilt output is a new file (renamed into place). */
const stamp = async (file: string | undefined) => (file ? await statStamp(file) : '-')

export async function buildSite(options: SiteOptions = {}): Promise<SiteReport> {
  const started = performance.now()
  const cwd = options.cwd ?? process.cwd()
  const out = path.resolve(cwd, options.out ?? 'site')
  const buildOut = path.resolve(cwd, options.buildOut ?? 'output')
  if (out === buildOut) throw new UsageError(`The site cannot be written into the build folder ${options.buildOut ?? 'output'}`, { hint: 'Name another folder with --out, such as site' })
  const baseUrl = options.baseUrl === undefined ? undefined : normalizeBaseUrl(options.baseUrl)
  const formats = [...new Set<Format>(['html', 'epub', ...(options.formats ?? [])])]
  const built = await build({ paths: options.paths, out: buildOut, formats, cwd, force: options.force, jobs: options.jobs, signal: options.signal, onBrief: options.onBrief })
  const buildTime = performance.now() - started
  options.signal?.throwIfAborted()

  const siteStarted = performance.now()
  const run = await resolveRun({ cwd })
  const notes: string[] = []
  const writer = new SiteWriter(out)
  const recordFile = path.join(out, siteRecordName)
  const previous: SiteRecord = await readFile(recordFile, 'utf8').then((t) => JSON.parse(t) as SiteRecord, () => ({ version: '', briefs: {}, files: [] }))
  const siteSources = await Promise.all(['src/site/site.ts', 'src/site/brief-page.ts', 'src/site/cite.ts', 'src/site/entry.ts', 'src/site/pages.ts', 'styles/site.css'].map((f) => readFile(toolkitPath(f)).catch(() => '')))
  const version = sha(generator, baseUrl ?? '', run.configFile ? await readInput(run.configFile, undefined, { kind: 'config', folders: [path.dirname(run.configFile)], folderWords: "the configuration's folder" }) : '', ...siteSources)
  const fresh = options.force || previous.version !== version
  const ctx: SiteContext = { institute: run.config.name, series: `${run.config.type}s`, ...(baseUrl ? { baseUrl } : {}), lang: 'en' }

  // A PDF not asked for this time is published when the build record says it is current.
  const pdfRecords = formats.includes('pdf')
    ? undefined
    : await BuildRecords.open(buildOut, run.reads, fontFiles().map((f) => f.path), { style: run.style?.file, allowRemote: false, allowMisplacedNotes: false })

  const inlineCss = await outputCss(fontFaceCss('inline'), webStylesheet)
  const styles = await CiteStyles.load(run.style ?? run.configStyle, run.configDir)
  if (styles.missing.length) notes.push(`${styles.missing.join(' and ')} citations are left out: install Debian's citation-style-language-styles (apt-get install citation-style-language-styles)`)

  const records: Record<string, BriefRecord> = {}
  /** Whether any brief's page was made again: if none was, and the set is the same, nothing else changes either. */
  let remade = false
  for (const result of built.briefs) {
    const slug = result.brief.slug
    const earlier = previous.briefs[slug]
    if (!result.ok) {
      // A brief with errors keeps its last page, as the build keeps its last outputs.
      if (earlier) {
        records[slug] = earlier
        for (const name of earlier.made) writer.keep(name)
      }
      continue
    }
    const output = (ext: string) => result.outputs.find((o) => o.endsWith(`.${ext}`))
    const html = output('html')
    if (!html) continue
    let pdf = output('pdf')
    if (!pdf && pdfRecords && existsSync(path.join(buildOut, `${slug}.pdf`))) {
      const verdict = await pdfRecords.verdict(result.brief.file, ['pdf'])
      if (verdict.upToDate) pdf = verdict.outputs[0]
    }
    const epub = output('epub')
    const markdown = await readInput(result.brief.file, undefined, { kind: 'brief', folders: [result.brief.folder], folderWords: "the brief's folder" })
    const key = sha(await stamp(html), await stamp(epub), await stamp(pdf), markdown)
    if (!fresh && earlier && earlier.key === key && (await allThere(out, earlier.made))) {
      records[slug] = earlier
      for (const name of earlier.made) writer.keep(name)
      continue
    }
    const entry = await readEntry(result.brief, run.config)
    if (!entry) continue
    remade = true
    const page = await readFile(html, 'utf8')
    const files: BriefFiles = {}
    const made: string[] = []
    const put = async (name: string, data: string | Uint8Array) => {
      await writer.write(`briefs/${name}`, data)
      made.push(`briefs/${name}`)
    }
    for (const [kind, file] of [['pdf', pdf], ['epub', epub]] as const) {
      if (!file) continue
      const bytes = await readFile(file)
      files[kind] = { name: `${slug}.${kind}`, bytes: bytes.length }
      await put(`${slug}.${kind}`, bytes)
    }
    const citation = styles.cite(entry, baseUrl ? `${baseUrl}briefs/${slug}.html` : undefined)
    await put(`${slug}.html`, briefPage(page, entry, citation, files, ctx, inlineCss))
    await put(`${slug}.bib`, citation.files.bibtex)
    await put(`${slug}.ris`, citation.files.ris)
    await put(`${slug}.csl.json`, citation.files.cslJson)
    records[slug] = { key, entry, text: pageText(page), files, made }
  }

  const listed = Object.values(records).sort((a, b) => newestFirst(a.entry, b.entry))
  const entries = listed.map((r) => r.entry)
  const sameSet = Object.keys(records).sort().join('\0') === Object.keys(previous.briefs).sort().join('\0')
  if (!fresh && !remade && sameSet && (await allThere(out, previous.files))) {
    // Nothing any page, index or feed says has changed: the run ends here (the archive of 500
    // briefs is not made again only to find it the same).
    for (const name of previous.files) writer.keep(name)
    return { ok: built.ok, briefs: built.briefs, published: listed.length, written: [], removed: [], notes, time: { build: buildTime, site: performance.now() - siteStarted } }
  }
  await writeAssets(writer)
  const pages = archivePages(entries)
  for (const spec of pages) await writer.write(spec.path, toHtml(sitePage(spec, ctx)) + '\n')
  await writer.write('assets/search-index.js', searchIndexScript(listed.map((r) => ({ entry: r.entry, text: r.text }))))
  const siteBriefs: SiteBrief[] = listed.map((r) => ({ entry: r.entry, files: { ...(r.files.pdf ? { pdf: r.files.pdf.name } : {}), ...(r.files.epub ? { epub: r.files.epub.name } : {}) } }))
  await writer.write('briefs.json', briefsJson(siteBriefs, baseUrl))
  await writer.write('feed.xml', atomFeed(siteBriefs, { institute: ctx.institute, series: ctx.series, web: run.config.web, baseUrl, generator }))
  if (baseUrl) {
    const lastmod = new Map(entries.map((e) => [`briefs/${e.slug}.html`, e.dateModified ?? e.date]))
    await writer.write('sitemap.xml', sitemap(baseUrl, [...pages.map((p) => ({ path: p.path })), ...entries.map((e) => ({ path: `briefs/${e.slug}.html`, lastmod: lastmod.get(`briefs/${e.slug}.html`) }))]))
    await writer.write('robots.txt', robots(baseUrl))
  } else {
    notes.push('No --base-url: the pages have no canonical address, the feed links are relative, and there is no sitemap.xml or robots.txt; give the address the site will be served from when publishing')
  }
  const removed = await writer.removeOthers(previous.files)
  const record: SiteRecord = { version, briefs: records, files: [...writer.files].sort() }
  await writer.write(siteRecordName, JSON.stringify(record) + '\n')
  return {
    ok: built.ok,
    briefs: built.briefs,
    published: listed.length,
    written: writer.written.filter((f) => f !== siteRecordName),
    removed,
    notes,
    time: { build: buildTime, site: performance.now() - siteStarted },
  }
}

async function allThere(out: string, files: string[]): Promise<boolean> {
  for (const file of files) if (!(await stat(path.join(out, file)).catch(() => undefined))) return false
  return true
}

/** The shared stylesheet, the fonts it names, the site's own sheet, and the search's scripts. */
async function writeAssets(writer: SiteWriter): Promise<void> {
  await writer.write('assets/brief.css', await outputCss(fontFaceCss((name) => `fonts/${name}`), webStylesheet))
  for (const font of fontFiles()) await writer.write(`assets/fonts/${font.name}`, await readFile(font.path))
  await writer.write('assets/site.css', await readFile(toolkitPath('styles', 'site.css')))
  const require = createRequire(import.meta.url)
  await writer.write('assets/minisearch.js', await readFile(path.join(path.dirname(require.resolve('minisearch')), '..', 'umd', 'index.js')))
  await writer.write('assets/search.js', await readFile(toolkitPath('src', 'site', 'search-client.js')))
}

/** Every archive page: the index, a page per author, keyword and year (each paginated), their lists, search. */
export function archivePages(entries: SiteEntry[]): PageSpec[] {
  const group = (keys: (e: SiteEntry) => Array<{ slug: string; name: string }>) => {
    const groups = new Map<string, { name: string; entries: SiteEntry[] }>()
    for (const entry of entries) {
      for (const { slug, name } of keys(entry)) {
        const g = groups.get(slug) ?? groups.set(slug, { name, entries: [] }).get(slug)!
        if (!g.entries.includes(entry)) g.entries.push(entry)
      }
    }
    return [...groups].sort(([, a], [, b]) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }))
  }
  const authors = group((e) => e.authors)
  const keywords = group((e) => e.keywords)
  const years = group((e) => (e.date ? [{ slug: e.date.slice(0, 4), name: e.date.slice(0, 4) }] : [])).reverse()
  return [
    ...pagedListing('index.html', 'All briefs', entries, { description: 'Every brief, newest first, with its authors, date, abstract and keywords.' }),
    termList('authors/index.html', 'Authors', authors.map(([slug, g]) => ({ name: g.name, href: `${slug}.html`, count: g.entries.length }))),
    ...authors.flatMap(([slug, g]) => pagedListing(`authors/${slug}.html`, `Briefs by ${g.name}`, g.entries)),
    termList('keywords/index.html', 'Keywords', keywords.map(([slug, g]) => ({ name: g.name, href: `${slug}.html`, count: g.entries.length }))),
    ...keywords.flatMap(([slug, g]) => pagedListing(`keywords/${slug}.html`, `Briefs on ${g.name}`, g.entries)),
    termList('years/index.html', 'Years', years.map(([slug, g]) => ({ name: g.name, href: `${slug}.html`, count: g.entries.length }))),
    ...years.flatMap(([slug, g]) => pagedListing(`years/${slug}.html`, `Briefs of ${g.name}`, g.entries)),
    searchPage(),
  ]
}
