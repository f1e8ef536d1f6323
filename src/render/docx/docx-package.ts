/**
 * The DOCX's zip, made reproducible (see `reproducible` below).
 */
import { strFromU8, unzipSync } from 'fflate'
import type { BriefMeta } from '../../brief/front-matter.ts'
import { issuedDate, modifiedDate, reproducibleZip } from '../shared/packaging.ts'
import { wellFormed, xmlText } from '../../text/xml.ts'

/**
 * Packer's zip, made reproducible. docx names relationships with random ids, numbers drawings
 * on from the process's previous documents, and stamps the core properties with the clock: the
 * ids are renumbered in order of appearance, the drawings per part, the dates set (created:
 * the brief's date; modified: `SOURCE_DATE_EPOCH`, else `date-modified`, else the brief's
 * date; see shared/packaging.ts), the language and the EPUB's identifier (a
 * `urn:uuid:` from the institute and the slug) added, and the parts zipped again in a fixed
 * order with fixed times.
 */
export function reproducible(packed: Buffer, meta: BriefMeta, identifier: string): Uint8Array {
  const parts = unzipSync(packed)
  const modified = modifiedDate(meta)
  const texts = new Map<string, string>()
  // docx escapes markup but passes on the characters XML forbids, and `]]>`: every part is made
  // well-formed here, whatever text reached it.
  for (const [name, data] of Object.entries(parts)) if (/\.(xml|rels)$/.test(name)) texts.set(name, wellFormed(strFromU8(data)))
  // Relationship ids that are not rIdN: give them stable names, the same in every part.
  const renamed = new Map<string, string>()
  for (const text of texts.values()) {
    for (const match of text.matchAll(/\bId="([^"]*)"/g)) {
      const id = match[1]!
      if (!/^rId\d+$/.test(id) && !renamed.has(id)) renamed.set(id, `rIdx${renamed.size + 1}`)
    }
  }
  const entries: Array<[string, string | Uint8Array]> = []
  const names = Object.keys(parts).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0))
  for (const name of names) {
    let text = texts.get(name)
    if (text === undefined) {
      entries.push([name, parts[name]!])
      continue
    }
    // Only attributes that hold a relationship id: matching every quoted value would pair the
    // quotes wrongly after an empty one (an image's `name=""`) and miss the ids that follow.
    if (renamed.size) text = text.replace(/\b(Id|r:id|r:embed|r:link|r:pict)="([^"]*)"/g, (whole, attribute: string, value: string) => (renamed.has(value) ? `${attribute}="${renamed.get(value)}"` : whole))
    // Drawing ids count up across every document the library makes in a process: a brief
    // built in a batch would differ from the same brief built alone. Number them per part.
    let drawing = 0
    text = text.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++drawing}"`)
    if (name === 'docProps/core.xml') {
      text = text
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${issuedDate(meta)}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${modified}$2`)
        .replace('</cp:coreProperties>', `<dc:identifier>${xmlText(identifier)}</dc:identifier><dc:language>${xmlText(meta.lang)}</dc:language></cp:coreProperties>`)
    }
    entries.push([name, text])
  }
  return reproducibleZip(entries, modified)
}
