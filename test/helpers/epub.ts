/**
 * Reads an EPUB back the way a reading system does: the zip's entries, the notes a noteref
 * opens (in call order, as ../shared/checks/epubnotes.py does), and EPUBCheck's verdict.
 */
import { execFile, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Element, Nodes } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { unzipSync } from 'fflate'
import { normalise } from './extract.ts'

export function unzipEpub(file: string): Record<string, Uint8Array> {
  return unzipSync(readFileSync(file))
}

/** Entry names in zip order, and whether `mimetype` is stored (compression method 0). */
export function zipEntries(file: string): { names: string[]; mimetypeStored: boolean } {
  const bytes = readFileSync(file)
  const names: string[] = []
  let mimetypeStored = false
  // Local file headers, in order: signature PK\x03\x04, method at +8, name length at +26.
  for (let at = 0; at + 30 <= bytes.length && bytes.readUInt32LE(at) === 0x04034b50; ) {
    const method = bytes.readUInt16LE(at + 8)
    const size = bytes.readUInt32LE(at + 18)
    const nameLength = bytes.readUInt16LE(at + 26)
    const extra = bytes.readUInt16LE(at + 28)
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8')
    if (name === 'mimetype') mimetypeStored = method === 0
    names.push(name)
    at += 30 + nameLength + extra + size
  }
  return { names, mimetypeStored }
}

const attr = (e: Element, name: string) => {
  const value = e.properties[name]
  return Array.isArray(value) ? value.join(' ') : value === undefined ? undefined : String(value)
}

function elements(node: Nodes, out: Element[] = []): Element[] {
  if (node.type === 'element') out.push(node)
  if ('children' in node) for (const child of node.children) elements(child, out)
  return out
}

function text(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' && attr(node, 'role') === 'doc-backlink') return ''
  return 'children' in node ? node.children.map(text).join('') : ''
}

/** Every noteref's target note text, in call order; `unresolved` counts calls with no aside. */
export function epubNotes(file: string): { notes: string[]; unresolved: number; calls: number } {
  const entries = unzipEpub(file)
  const asides = new Map<string, string>()
  const refs: Array<{ doc: string; href: string }> = []
  for (const [name, data] of Object.entries(entries)) {
    if (!name.endsWith('.xhtml')) continue
    const tree = fromHtml(Buffer.from(data).toString('utf8'))
    const base = name.split('/').pop()!
    for (const e of elements(tree)) {
      const type = attr(e, 'epub:type') ?? ''
      if (e.tagName === 'a' && type.includes('noteref')) refs.push({ doc: base, href: attr(e, 'href') ?? '' })
      if (e.tagName === 'aside' && type.includes('footnote')) asides.set(`${base}#${attr(e, 'id')}`, normalise(text(e)))
    }
  }
  const notes: string[] = []
  let unresolved = 0
  for (const { doc, href } of refs) {
    const [target, fragment] = href.split('#')
    const note = asides.get(`${target ? target.split('/').pop() : doc}#${fragment}`)
    if (note === undefined) unresolved++
    else notes.push(note.replace(/^\d+\.\s*/, ''))
  }
  return { notes, unresolved, calls: refs.length }
}

/** EPUBCheck 4.2.6 (Debian's package; its `epubcheck` wrapper does not run, the jar does). */
export interface EpubCheckResult {
  errors: number
  warnings: number
  output: string
}

// A short-lived JVM starts about twice as fast with only the first compiler and the serial
// collector; EPUBCheck's verdict is the same.
const java = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto', '-jar', '/usr/share/java/epubcheck.jar']

function summary(output: string): EpubCheckResult {
  const counts = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output)
  if (!counts) return { errors: -1, warnings: -1, output }
  return { errors: Number(counts[1]) + Number(counts[2]), warnings: Number(counts[3]), output }
}

export function epubcheck(file: string): EpubCheckResult {
  const run = spawnSync('java', [...java, file], { encoding: 'utf8', timeout: 120_000 })
  return summary(`${run.stdout}\n${run.stderr}`)
}

/** EPUBCheck on several books, two at a time (each check is mostly one JVM starting). */
export async function epubcheckAll(files: string[]): Promise<Map<string, EpubCheckResult>> {
  const results = new Map<string, EpubCheckResult>()
  const queue = [...files]
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const output = await new Promise<string>((resolve) => {
        execFile('java', [...java, file], { encoding: 'utf8', timeout: 120_000 }, (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`))
      })
      results.set(file, summary(output))
    }
  }
  await Promise.all([worker(), worker()])
  return results
}
