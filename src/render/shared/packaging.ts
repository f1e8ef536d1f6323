/**
 * What the zipped outputs (EPUB and DOCX) share so that the same brief gives the same bytes on
 * every machine: a zip stamped with a fixed time, that time (never the clock), and the book's
 * identifier (derived from the institute and the brief, never random).
 */
import { createHash } from 'node:crypto'
import { strToU8, zipSync, type Zippable } from 'fflate'
import type { BriefMeta } from '../../brief/front-matter.ts'
import type { InstituteConfig } from '../../config/schema.ts'

/** Whatever is deflated is deflated at this level, so the bytes do not depend on a default. */
export const deflateLevel = 9

/** A stable `urn:uuid:` from the institute and the brief's slug (name-based, as UUID v5 is). */
export function bookIdentifier(config: InstituteConfig, slug: string): string {
  const hex = createHash('sha1').update(`issi-briefs\n${config.name}\n${slug}`).digest('hex')
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** `SOURCE_DATE_EPOCH` as an ISO date-time, when it is set to a number of seconds. */
export function sourceDateEpoch(): string | undefined {
  const epoch = process.env.SOURCE_DATE_EPOCH
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString().replace(/\.\d+Z$/, 'Z') : undefined
}

/**
 * When the outputs were last changed (EPUB and DOCX `dcterms:modified`, the PDF's ModDate, the
 * zips' entry times): `SOURCE_DATE_EPOCH` when set (reproducible-builds.org: the build's fixed
 * "now"), else the day of the last correction (`date-modified`), else the brief's date, else a
 * fixed day.
 */
export function modifiedDate(meta: BriefMeta): string {
  return sourceDateEpoch() ?? `${meta.dateModified ?? meta.date ?? '2000-01-01'}T00:00:00Z`
}

/**
 * When the brief was first issued (DOCX `dcterms:created`, the PDF's CreationDate): its
 * `date`, which a re-issue keeps, so a corrected file is the same publication, created
 * then and modified since. Without a date, the modification time.
 */
export function issuedDate(meta: BriefMeta): string {
  return meta.date ? `${meta.date}T00:00:00Z` : modifiedDate(meta)
}

/**
 * A zip whose bytes depend only on its entries, in the order given, and on `modified` (an ISO
 * date-time, written as every entry's time in UTC): the same inputs give the same file in any
 * time zone.
 */
export function reproducibleZip(entries: Array<[string, string | Uint8Array]>, modified: string, level: (name: string) => 0 | 6 | 9 = () => deflateLevel): Uint8Array {
  // fflate keeps insertion order; no key here looks like an array index, which would jump ahead.
  const files: Zippable = {}
  for (const [name, data] of entries) {
    const bytes = typeof data === 'string' ? strToU8(data) : data
    files[name] = [bytes, { level: level(name) }]
  }
  // fflate turns `mtime` into DOS fields with *local* getters, and a wall-clock time that a DST
  // change skips does not exist locally, so no Date gives the UTC fields in every zone. Hand it a
  // placeholder and write the fields from the string afterwards.
  const zip = zipSync(files, { mtime: new Date(1980, 0, 1), os: 0, attrs: 0 })
  stampDosTime(zip, dosDateTime(modified))
  return zip
}

interface DosDateTime { time: number; date: number }

/** The UTC fields of `modified` as DOS date and time words, clamped to the years DOS can hold. */
function dosDateTime(modified: string): DosDateTime {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(modified)
  if (!match) throw new Error(`Unexpected \`modified\` ${JSON.stringify(modified)}, expected 'YYYY-MM-DDThh:mm:ssZ'`)
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number]
  if (year < 1980) return { time: 0, date: (1 << 5) | 1 }
  if (year > 2107) return { time: (23 << 11) | (59 << 5) | 29, date: (127 << 9) | (12 << 5) | 31 }
  // DOS time counts seconds in twos.
  return { time: (hour << 11) | (minute << 5) | (second >> 1), date: ((year - 1980) << 9) | (month << 5) | day }
}

/** Writes the DOS time into every local header and central directory entry (APPNOTE 4.3.7, 4.3.12). */
function stampDosTime(zip: Uint8Array, { time, date }: DosDateTime): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const end = zip.length - 22 // no archive comment, so the end record is the last 22 bytes
  if (view.getUint32(end, true) !== 0x06054b50) throw new Error('Unexpected zip layout from fflate: no end of central directory record')
  let entry = view.getUint32(end + 16, true)
  for (let i = view.getUint16(end + 10, true); i > 0; i--) {
    for (const at of [entry + 12, view.getUint32(entry + 42, true) + 10]) {
      view.setUint16(at, time, true)
      view.setUint16(at + 2, date, true)
    }
    entry += 46 + view.getUint16(entry + 28, true) + view.getUint16(entry + 30, true) + view.getUint16(entry + 32, true)
  }
}
