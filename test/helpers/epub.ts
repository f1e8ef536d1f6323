/**
 * Reads an EPUB back the way a reading system does: the zip's entries, the notes a noteref
 * opens (in call order, as ../shared/checks/epubnotes.py does), and EPUBCheck's verdict.
 */
import { readFileSync } from 'node:fs'
import type { Element, Nodes } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { unzipSync } from 'fflate'
import { inject } from 'vitest'
import { ask, epubcheckAlone, startEpubCheckServer, type EpubCheckResult, type EpubCheckServer } from './epubcheck.ts'
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

export { epubcheckAlone, epubcheckJar, type EpubCheckResult } from './epubcheck.ts'

let ownServer: Promise<EpubCheckServer> | undefined

/** The run's server, or (under a configuration without the setup) this process's own. */
async function server(): Promise<{ port: number } | { reason: string }> {
  const provided = inject('epubcheck')
  if (provided) return provided
  return (ownServer ??= startEpubCheckServer())
}

/** EPUBCheck's verdict on one book, from the run's one JVM (or a JVM of its own, see above). */
export async function epubcheck(file: string): Promise<EpubCheckResult> {
  const running = await server()
  return 'port' in running ? ask(running.port, file) : epubcheckAlone(file)
}

/** EPUBCheck on several books. */
export async function epubcheckAll(files: string[]): Promise<Map<string, EpubCheckResult>> {
  const results = new Map<string, EpubCheckResult>()
  for (const file of files) results.set(file, await epubcheck(file))
  return results
}
