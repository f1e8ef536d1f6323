/**
 * Reading a brief's Markdown as text: UTF-8 with or without a byte-order mark, any line ends.
 * A file in another encoding is refused with the reason, at the first byte that is wrong,
 * instead of being read as garbage that fails later with a misleading message; so is text
 * past the limits (src/brief/limits.ts), before anything parses it.
 */
import type { VFile } from 'vfile'
import path from 'node:path'
import { InputRefused, readInput, type Reads } from '../reads.ts'
import { placeAt } from '../text/points.ts'
import { readFailure } from '../messages.ts'
import { checkLimits } from './limits.ts'
import { rule } from '../rules.ts'
import type { RuleId } from '../rules.ts'

export type ReadBrief = { text: string; warning?: { problem: string; place: { line: number; column: number }; ruleId: RuleId } } | { problem: string; place?: { line: number; column: number }; ruleId: RuleId }

const saveAsUtf8 = 'save it as UTF-8 (in most editors: Save As… → Encoding: UTF-8)'

/**
 * The file's text with CRLF and lone CR line ends made LF (positions count lines as an editor
 * does); the digest of the bytes read goes to `reads`.
 */
export async function readBriefText(file: string, reads?: Reads, deadline?: { remaining(): number }): Promise<ReadBrief> {
  let bytes: Buffer
  try {
    // The brief's folder is where it is named from: a brief.md linked from elsewhere is outside it.
    bytes = await readInput(file, reads, { kind: 'brief', folders: [path.dirname(file)], folderWords: "the brief's folder", ...(deadline ? { deadline } : {}) })
  } catch (error) {
    const why = error instanceof InputRefused ? error.refusal.why : undefined
    const ruleId = why === 'outside' ? rule('outside-folder') : why === 'too-large' ? rule('too-large') : rule('unreadable-brief')
    return { problem: `Cannot read the brief: ${readFailure(error)}`, place: { line: 1, column: 1 }, ruleId }
  }
  const read = decodeBrief(bytes)
  if ('problem' in read) return read
  const tooLarge = checkLimits(read.text)
  if (tooLarge) return { problem: tooLarge.reason, place: tooLarge.place, ruleId: tooLarge.ruleId }
  const controls = withoutControls(read.text)
  return controls.count ? { text: controls.text, warning: controlWarning(read.text, controls) } : read
}

/**
 * Reads `file.path` into `file.value`, noting it in `file.data.reads`; false (with the reason as
 * an error on `file`) when it cannot.
 */
export async function readBriefInto(file: VFile): Promise<boolean> {
  const read = await readBriefText(file.path, (file.data.reads ??= new Map()), file.data.deadline)
  if ('problem' in read) {
    file.message(read.problem, { place: read.place, ruleId: read.ruleId, source: 'brief' }).fatal = true
    return false
  }
  file.value = read.text
  if (read.warning) file.message(read.warning.problem, { place: read.warning.place, ruleId: read.warning.ruleId, source: 'brief' })
  return true
}

export const decodeBrief = (bytes: Uint8Array): ReadBrief => decodeText(bytes, 'The brief')

/**
 * Text files a brief reads (the brief, its sources, its style) as UTF-8, or the reason they
 * are not, at the first wrong byte. `subject` names the file in the message.
 */
export function decodeText(bytes: Uint8Array, subject: string): ReadBrief {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksUtf16(bytes)
  if (utf16) return { problem: `${subject} is saved as UTF-16; ${saveAsUtf8}`, place: { line: 1, column: 1 }, ruleId: rule('encoding') }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const { at, cut } = firstInvalidByte(bytes)
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at))
    const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, '0')
    const problem = cut
      ? `${subject} ends in the middle of a character (byte 0x${byte}): it was cut off while being saved or copied; restore the end of the file`
      : `${subject} is not valid UTF-8 here (byte 0x${byte}${bytes[at]! >= 0xa0 ? ', as Latin-1 or Windows-1252 would write an accented letter' : ''}); ${saveAsUtf8}`
    return { problem, place: placeAt(before, before.length), ruleId: rule('encoding') }
  }
  const nul = text.indexOf('\0')
  if (nul >= 0) return { problem: `${subject} contains a NUL character (a binary file, or one saved as UTF-16?); remove it or save the file as UTF-8 text`, place: placeAt(text, nul), ruleId: rule('encoding') }
  // Editors on Windows like to start files with a byte-order mark; it is not part of the text.
  return { text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') }
}

/** UTF-16 without a byte-order mark: ASCII text with every other byte zero. */
function looksUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512)
  if (sample.length < 4) return false
  let even = 0
  let odd = 0
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 ? odd++ : even++)
  return Math.max(even, odd) > sample.length / 4 && Math.min(even, odd) === 0
}

/** Where the UTF-8 goes wrong, and whether it is only cut off (a character's start with the file ending under it). */
function firstInvalidByte(bytes: Uint8Array): { at: number; cut: boolean } {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0
    if (!length) return { at: i, cut: false }
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return { at: i, cut: true }
      const next = bytes[i + k]!
      // The second byte's range is narrower after these leads: no over-long forms, no UTF-16
      // surrogates, nothing past U+10FFFF (as the decoder itself rules).
      const [low, high] = k > 1 ? [0x80, 0xbf] : b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf]
      if (next < low || next > high) return { at: i, cut: false }
    }
    i += length
  }
  return { at: Math.max(0, bytes.length - 1), cut: false }
}

/**
 * What Windows-1252 puts at U+0080–U+009F, where text it wrote, read as Latin-1 and saved as
 * UTF-8, leaves control characters ("…" becomes U+0085, "’" U+0092, "–" U+0096).
 */
const windows1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

/** Control characters no output can show: C0 but tab and line feed, DEL, C1, U+FFFE and U+FFFF. */
const control = /[\u0001-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/g

/**
 * The text with each control character replaced by one character, so that every position
 * stays where the author's editor shows it: a C1 control by what Windows-1252 meant there, any
 * other by a space.
 */
export function withoutControls(text: string): { text: string; count: number; first: number } {
  let count = 0
  let first = -1
  const cleaned = text.replace(control, (c, at: number) => {
    count++
    if (first < 0) first = at
    const code = c.charCodeAt(0)
    const meant = code >= 0x80 && code <= 0x9f ? windows1252[code - 0x80]! : ' '
    return meant.charCodeAt(0) >= 0x80 && meant.charCodeAt(0) <= 0x9f ? ' ' : meant
  })
  return { text: cleaned, count, first }
}

function controlWarning(text: string, found: { count: number; first: number }): { problem: string; place: { line: number; column: number }; ruleId: RuleId } {
  const code = text.charCodeAt(found.first).toString(16).toUpperCase().padStart(4, '0')
  const others = found.count > 1 ? ` and ${found.count - 1} more after it` : ''
  const problem = `The brief holds a control character here (U+${code})${others}, which no output can show, usually pasted from a document saved in another encoding; each is read as what Windows-1252 meant by it ("…", "’", "–") or as a space: retype the text there`
  return { problem, place: placeAt(text, found.first), ruleId: rule('control-character') }
}
