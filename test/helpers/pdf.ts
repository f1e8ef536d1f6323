/** Reads PDFs with poppler-utils and qpdf, the way a reviewer would check them by hand. */
import { execFileSync } from 'node:child_process'
import { statSync } from 'node:fs'

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })

export function pdfInfo(file: string): Record<string, string> {
  const info: Record<string, string> = {}
  for (const line of run('pdfinfo', [file]).split('\n')) {
    const at = line.indexOf(':')
    if (at > 0) info[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
  return info
}

export interface FontRow {
  name: string
  type: string
  embedded: boolean
}

export function pdfFonts(file: string): FontRow[] {
  const lines = run('pdffonts', [file]).split('\n').slice(2).filter((l) => l.trim())
  return lines.map((line) => {
    const parts = line.trim().split(/\s+/)
    // name type... encoding emb sub uni object ID: emb is the 5th field from the end.
    return { name: parts[0]!, type: parts.slice(1, parts.length - 6).join(' '), embedded: parts[parts.length - 5] === 'yes' }
  })
}

/**
 * Text of each page, in reading order, each ending in the form feed pdftotext puts after a
 * page. One pdftotext run reads the whole file (one per page read the file once a page), once
 * per test process for a file not changed since.
 */
export function pageTexts(file: string): string[] {
  return [...readOnce('pages', file, () => run('pdftotext', [file, '-']).split('\f').slice(0, -1).map((text) => `${text}\f`))]
}

const readings = new Map<string, unknown>()

/** `read(file)` once per test process for a file not changed since (path, inode, size, time). */
function readOnce<T>(kind: string, file: string, read: () => T): T {
  const { size, mtimeMs, ino } = statSync(file)
  const key = `${kind}\0${file}\0${ino}\0${size}\0${mtimeMs}`
  if (!readings.has(key)) readings.set(key, read())
  return readings.get(key) as T
}

export function qpdfCheck(file: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: run('qpdf', ['--check', file]) }
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) }
  }
}

interface QpdfJson {
  outlines: Array<{ title: string; destpageposfrom1: number | null; kids: unknown[] }>
  pages: Array<{ object: string }>
  qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>]
}

function qpdfJson(file: string): QpdfJson {
  return JSON.parse(run('qpdf', ['--json', file])) as QpdfJson
}

export function outlineTitles(file: string): string[] {
  const walk = (items: QpdfJson['outlines']): string[] => items.flatMap((o) => [o.title, ...walk(o.kids as QpdfJson['outlines'])])
  return walk(qpdfJson(file).outlines)
}

export interface InternalLink {
  page: number
  dest: string
}

/** Links that jump inside the document (named destinations), with the page they sit on. */
export function internalLinks(file: string): InternalLink[] {
  const json = qpdfJson(file)
  const objects = json.qpdf[1]
  const links: InternalLink[] = []
  json.pages.forEach((page, index) => {
    const pageObject = objects[`obj:${page.object}`]?.value as { '/Annots'?: string[] } | undefined
    for (const ref of pageObject?.['/Annots'] ?? []) {
      const annot = objects[`obj:${ref}`]?.value as { '/Subtype'?: string; '/Dest'?: string } | undefined
      if (annot?.['/Subtype'] === '/Link' && typeof annot['/Dest'] === 'string') links.push({ page: index + 1, dest: annot['/Dest'].replace(/^\//, '') })
    }
  })
  return links
}

/** Page number each named destination points to (Chromium writes them in the catalog's /Dests). */
export function namedDestinations(file: string): Map<string, number> {
  const json = qpdfJson(file)
  const objects = json.qpdf[1]
  const pageOf = new Map(json.pages.map((p, i) => [p.object, i + 1]))
  const found = new Map<string, number>()
  for (const entry of Object.values(objects)) {
    const value = entry.value as { '/Type'?: string; '/Dests'?: string } | undefined
    if (value?.['/Type'] !== '/Catalog' || typeof value['/Dests'] !== 'string') continue
    const dests = (objects[`obj:${value['/Dests']}`]?.value ?? {}) as Record<string, unknown[]>
    for (const [name, dest] of Object.entries(dests)) {
      const page = Array.isArray(dest) ? pageOf.get(String(dest[0])) : undefined
      if (page) found.set(name.replace(/^\//, ''), page)
    }
  }
  return found
}

export interface WordBox {
  page: number
  xMin: number
  xMax: number
  yMin: number
  yMax: number
  word: string
}

/** Words with their boxes (points, y downwards), for margin and overlap checks. */
export function wordBoxes(file: string): WordBox[] {
  return readOnce('words', file, () => readWordBoxes(file)).map((box) => ({ ...box }))
}

function readWordBoxes(file: string): WordBox[] {
  const html = run('pdftotext', ['-bbox', file, '-'])
  const words: WordBox[] = []
  let page = 0
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line)
    if (m) words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), word: m[5]! })
  }
  return words
}

/** The document language in the catalog (/Lang). */
export function documentLanguage(file: string): string | undefined {
  const objects = qpdfJson(file).qpdf[1]
  for (const entry of Object.values(objects)) {
    const value = entry.value as { '/Type'?: string; '/Lang'?: string } | undefined
    if (value?.['/Type'] === '/Catalog') return value['/Lang']?.replace(/^u:/, '')
  }
  return undefined
}

const wordsOf = (text: string) =>
  text
    .normalize('NFC')
    .replace(/\u00ad/g, '')
    .toLowerCase()
    // pdftotext joins a word hyphenated at a line end, with or without its hyphen: compare
    // words without hyphens.
    .replace(/[\u2011-]+/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)

/**
 * Body words that the PDF does not print, in reading order. Notes and footers may come in
 * between; a word broken over a page break ("com‑" … "mitments") counts as printed.
 */
export function missingWords(bodyText: string, pdfText: string, window = 600): string[] {
  const want = wordsOf(bodyText)
  const have = wordsOf(pdfText)
  const missing: string[] = []
  let j = 0
  for (const word of want) {
    let found = -1
    for (let k = j; k < Math.min(have.length, j + window); k++) {
      // A note call's number is glued to the word before it: "2011" + "8" reads "20118".
      if (have[k] === word || (have[k]!.startsWith(word) && /^\d{1,3}$/.test(have[k]!.slice(word.length)))) {
        found = k
        break
      }
      // A word cut at a page break: its head here, its tail after the page's notes. pdftotext
      // joins a head ending in a hyphen to the next line, the first note's number ("counter90").
      const head = have[k]!.replace(/(?<=\p{L})\d{1,3}$/u, '')
      if (head.length >= 2 && word.startsWith(head) && word !== head) {
        const tail = word.slice(head.length)
        const rest = have.indexOf(tail, k + 1)
        if (rest >= 0 && rest < k + window) {
          found = rest
          break
        }
      }
    }
    if (found < 0) missing.push(word)
    else j = found + 1
  }
  return missing
}

/** The address of every link that leaves the document (a URI action), page by page in order. */
export function uriLinks(file: string): string[] {
  const json = qpdfJson(file)
  const objects = json.qpdf[1]
  const uris: string[] = []
  for (const page of json.pages) {
    const pageObject = objects[`obj:${page.object}`]?.value as { '/Annots'?: string[] } | undefined
    for (const ref of pageObject?.['/Annots'] ?? []) {
      const annot = objects[`obj:${ref}`]?.value as { '/A'?: string | { '/URI'?: string } } | undefined
      const action = typeof annot?.['/A'] === 'string' ? (objects[`obj:${annot['/A']}`]?.value as { '/URI'?: string } | undefined) : annot?.['/A']
      if (typeof action?.['/URI'] === 'string') uris.push(action['/URI'].replace(/^u:/, ''))
    }
  }
  return uris
}
