/**
 * An image file read through once, before any output carries it: is it whole, is it the
 * format it claims, is it within the limits (src/brief/limits.ts)? Chromium prints a broken
 * image, a Word document carries the bad bytes, and neither says a word: so each image is
 * judged here, once, and a bad one is a message at the line that uses it.
 *
 * What is read, per format (enough to find a file cut short, damaged or mislabelled, without
 * decoding pixels):
 * - PNG: every chunk's length and checksum, the header first, the end chunk last, and the
 *   image data inflated in full, which must hold every row the header promises;
 * - JPEG: every segment to the end-of-image marker, a frame header before the first scan;
 * - GIF: every block and sub-block to the trailer, at least one image;
 * - WebP: the RIFF container and every chunk in it, a VP8/VP8L/VP8X chunk first;
 * - SVG: src/brief/svg-check.ts (well-formed XML, nothing that runs or loads).
 */
import { createInflate, crc32 } from 'node:zlib'
import { imageSize } from 'image-size'
import { limits } from './limits.ts'
import { checkSvg, type SvgProblem } from './svg-check.ts'

export type RasterType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'
export type ImageType = RasterType | 'image/svg+xml'

export type ImageProblem =
  | { kind: 'empty' }
  /** None of the formats we read; `looks` says what the bytes seem to be, when we can tell. */
  | { kind: 'unknown'; looks?: string }
  /** An SVG named as a raster image, or a raster image named .svg: Chromium goes by the name. */
  | { kind: 'misnamed'; actual: ImageType; expected: ImageType }
  | { kind: 'truncated'; format: string }
  | { kind: 'damaged'; format: string; detail: string }
  | { kind: 'too-large'; width: number; height: number }
  | { kind: 'too-many-bytes'; bytes: number }
  | SvgProblem

/** `data`, when given: the bytes every output carries instead of the file's (an SVG less its DOCTYPE). */
export type ImageVerdict = { ok: true; mediaType: ImageType; width?: number; height?: number; data?: Uint8Array } | { ok: false; problem: ImageProblem }

class Broken extends Error {
  constructor(readonly problem: ImageProblem) {
    super(problem.kind)
  }
}

/** The format the bytes are, by their first bytes; SVG by its first element. */
export function sniff(data: Uint8Array): ImageType | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38) && (data[4] === 0x37 || data[4] === 0x39) && data[5] === 0x61) return 'image/gif'
  if (starts(0x52, 0x49, 0x46, 0x46) && ascii(data, 8, 4) === 'WEBP') return 'image/webp'
  const head = new TextDecoder().decode(data.subarray(0, 4096)).replace(/^\uFEFF/, '')
  // Past the XML declaration, comments and a DOCTYPE, the first element is <svg>.
  if (/^(\s|<\?xml[^>]*>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>)*<(\w+:)?svg[\s>/]/.test(head)) return 'image/svg+xml'
  return undefined
}

/** Reads an image through; `expected` is the type its name gives. */
export async function checkImage(data: Uint8Array, expected: ImageType): Promise<ImageVerdict> {
  try {
    if (data.length === 0) throw new Broken({ kind: 'empty' })
    if (data.length > limits.imageBytes) throw new Broken({ kind: 'too-many-bytes', bytes: data.length })
    const actual = sniff(data)
    if (!actual) throw new Broken({ kind: 'unknown', looks: looks(data) })
    if ((actual === 'image/svg+xml') !== (expected === 'image/svg+xml')) throw new Broken({ kind: 'misnamed', actual, expected })
    if (actual === 'image/svg+xml') {
      const svg = checkSvg(data)
      return svg.ok ? { ok: true, mediaType: actual, data: svg.data, ...svg.size } : { ok: false, problem: svg.problem }
    }
    const size = actual === 'image/png' ? await readPng(data) : actual === 'image/jpeg' ? readJpeg(data) : actual === 'image/gif' ? readGif(data) : readWebp(data)
    withinLimits(size.width, size.height)
    return { ok: true, mediaType: actual, ...size }
  } catch (error) {
    if (error instanceof Broken) return { ok: false, problem: error.problem }
    throw error
  }
}

function withinLimits(width: number, height: number): void {
  if (Math.max(width, height) > limits.imageSide || width * height > limits.imagePixels) throw new Broken({ kind: 'too-large', width, height })
}

const ascii = (data: Uint8Array, at: number, length: number) => String.fromCharCode(...data.subarray(at, at + length))

/** What bytes that are no image seem to be, for the message. */
function looks(data: Uint8Array): string | undefined {
  const head = ascii(data, 0, 8)
  if (head.startsWith('%PDF')) return 'a PDF'
  if (head.startsWith('PK')) return 'a zip archive (a Word or PowerPoint file?)'
  if (data[0] === 0x49 && data[1] === 0x49 && data[2] === 0x2a) return 'a TIFF image'
  if (data[0] === 0x4d && data[1] === 0x4d && data[3] === 0x2a) return 'a TIFF image'
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, 512))
  if (/^\s*<(!doctype html|html)/i.test(text)) return 'a web page (saved from a browser instead of the image?)'
  // Text: no control character but line ends and tabs, no byte that is not UTF-8.
  if (!/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) return 'text'
  return undefined
}

const u32 = (data: Uint8Array, at: number) => ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!) >>> 0
const u16 = (data: Uint8Array, at: number) => (data[at]! << 8) | data[at + 1]!
const u16le = (data: Uint8Array, at: number) => data[at]! | (data[at + 1]! << 8)
const u32le = (data: Uint8Array, at: number) => (data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24)) >>> 0

/** Bits per pixel of each PNG colour type, by bit depth: the depths the format allows. */
const pngChannels: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
}

async function readPng(data: Uint8Array): Promise<{ width: number; height: number }> {
  const damaged = (detail: string) => new Broken({ kind: 'damaged', format: 'PNG', detail })
  const truncated = new Broken({ kind: 'truncated', format: 'PNG' })
  let at = 8
  let header: { width: number; height: number; depth: number; colour: number; interlaced: boolean } | undefined
  let palette = false
  const idat: Uint8Array[] = []
  for (;;) {
    if (at + 12 > data.length) throw truncated
    const length = u32(data, at)
    const type = ascii(data, at + 4, 4)
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) throw damaged(`a chunk at byte ${at} is not a PNG chunk`)
    if (at + 12 + length > data.length) throw truncated
    const body = data.subarray(at + 8, at + 8 + length)
    if ((crc32(data.subarray(at + 4, at + 8 + length)) >>> 0) !== u32(data, at + 8 + length)) throw damaged(`the checksum of its ${type} chunk does not match`)
    at += 12 + length
    if (!header) {
      if (type !== 'IHDR' || length !== 13) throw damaged('it does not start with its header')
      const spec = pngChannels[body[9]!]
      header = { width: u32(body, 0), height: u32(body, 4), depth: body[8]!, colour: body[9]!, interlaced: body[12] === 1 }
      if (!header.width || !header.height) throw damaged('its header gives it no width or height')
      if (!spec?.depths.includes(header.depth) || body[10] !== 0 || body[11] !== 0 || body[12]! > 1) throw damaged('its header is not one the format allows')
      withinLimits(header.width, header.height)
      continue
    }
    if (type === 'PLTE') palette = true
    else if (type === 'IDAT') idat.push(body)
    else if (type === 'IEND') break
  }
  if (header.colour === 3 && !palette) throw damaged('its colours refer to a palette it does not have')
  if (!idat.length) throw damaged('it has no image data')
  const bits = pngChannels[header.colour]!.channels * header.depth
  const rows = (width: number, height: number) => (width && height ? height * (1 + Math.ceil((width * bits) / 8)) : 0)
  const { width: w, height: h } = header
  // Adam7: seven passes over every 8 × 8 block, each its own sequence of rows.
  const expected = header.interlaced
    ? [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]].reduce((sum, [x, y, dx, dy]) => sum + rows(Math.ceil((w - x!) / dx!), Math.ceil((h - y!) / dy!)), 0)
    : rows(w, h)
  const inflated = await inflatedLength(idat, expected)
  if (inflated === 'damaged') throw damaged('its compressed image data cannot be read')
  if (inflated < expected) throw truncated
  return { width: w, height: h }
}

/**
 * How many bytes the zlib stream inflates to, counted as it goes and never kept, stopping
 * once past `enough`; 'damaged' when it is not zlib data, or ends before its end.
 */
function inflatedLength(parts: Uint8Array[], enough: number): Promise<number | 'damaged'> {
  return new Promise((resolve) => {
    const inflate = createInflate()
    let length = 0
    let done = false
    const finish = (result: number | 'damaged') => {
      if (done) return
      done = true
      inflate.destroy()
      resolve(result)
    }
    inflate.on('data', (chunk: Buffer) => {
      length += chunk.length
      if (length > enough) finish(length)
    })
    // An unfinished stream ("unexpected end of file") has lost its end: its rows are missing.
    inflate.on('error', (error: NodeJS.ErrnoException) => finish(error.code === 'Z_BUF_ERROR' ? length : 'damaged'))
    inflate.on('end', () => finish(length))
    for (const part of parts) inflate.write(part)
    inflate.end()
  })
}

/** SOFn markers: a frame header with the image's size. */
const frameMarkers = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])

function readJpeg(data: Uint8Array): { width: number; height: number } {
  const damaged = (detail: string) => new Broken({ kind: 'damaged', format: 'JPEG', detail })
  const truncated = new Broken({ kind: 'truncated', format: 'JPEG' })
  let at = 2
  let size: { width: number; height: number } | undefined
  let scans = 0
  for (;;) {
    if (at + 2 > data.length) throw truncated
    if (data[at] !== 0xff) throw damaged(`byte ${at} is not the start of a segment`)
    const marker = data[at + 1]!
    if (marker === 0xff) {
      at++ // fill byte
      continue
    }
    if (marker === 0xd9) break
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2
      continue
    }
    if (at + 4 > data.length) throw truncated
    const length = u16(data, at + 2)
    if (length < 2) throw damaged(`a segment at byte ${at} has an impossible length`)
    if (at + 2 + length > data.length) throw truncated
    if (frameMarkers.has(marker)) {
      if (length < 8) throw damaged('its frame header is too short')
      size = { height: u16(data, at + 5), width: u16(data, at + 7) }
      if (!size.width || !size.height) throw damaged('its frame header gives it no width or height')
      withinLimits(size.width, size.height)
    }
    at += 2 + length
    if (marker !== 0xda) continue
    if (!size) throw damaged('it has image data before its frame header')
    scans++
    // The scan's coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
    for (;;) {
      if (at + 1 >= data.length) throw truncated
      if (data[at] === 0xff && data[at + 1] !== 0 && !(data[at + 1]! >= 0xd0 && data[at + 1]! <= 0xd7)) break
      at++
    }
  }
  if (!size || !scans) throw damaged('it has no image data')
  return size
}

function readGif(data: Uint8Array): { width: number; height: number } {
  const damaged = (detail: string) => new Broken({ kind: 'damaged', format: 'GIF', detail })
  const truncated = new Broken({ kind: 'truncated', format: 'GIF' })
  if (data.length < 13) throw truncated
  const size = { width: u16le(data, 6), height: u16le(data, 8) }
  if (!size.width || !size.height) throw damaged('it gives itself no width or height')
  withinLimits(size.width, size.height)
  const table = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0)
  let at = 13 + table(data[10]!)
  let images = 0
  const subBlocks = () => {
    for (;;) {
      if (at >= data.length) throw truncated
      const length = data[at]!
      at += 1 + length
      if (length === 0) return
    }
  }
  for (;;) {
    if (at >= data.length) {
      // A GIF whose last image is whole but whose trailer is missing shows as it is.
      if (images) break
      throw truncated
    }
    const block = data[at]!
    if (block === 0x3b) break
    if (block === 0x21) {
      at += 2
      subBlocks()
    } else if (block === 0x2c) {
      if (at + 10 > data.length) throw truncated
      at += 10 + table(data[at + 9]!) + 1 // descriptor, local colour table, LZW code size
      subBlocks()
      images++
    } else throw damaged(`byte ${at} starts no GIF block`)
  }
  if (!images) throw damaged('it has no image')
  return size
}

function readWebp(data: Uint8Array): { width: number; height: number } {
  const damaged = (detail: string) => new Broken({ kind: 'damaged', format: 'WebP', detail })
  const truncated = new Broken({ kind: 'truncated', format: 'WebP' })
  const end = 8 + u32le(data, 4)
  if (data.length < 20 || end > data.length) throw truncated
  let at = 12
  let first = true
  while (at < end) {
    if (at + 8 > end) throw truncated
    const type = ascii(data, at, 4)
    const length = u32le(data, at + 4)
    if (first && !['VP8 ', 'VP8L', 'VP8X'].includes(type)) throw damaged('it does not start with an image chunk')
    first = false
    at += 8 + length + (length % 2)
    if (at > end + (length % 2)) throw truncated
  }
  let size: { width?: number; height?: number }
  try {
    size = imageSize(data)
  } catch {
    // image-size throws for a header it cannot read.
    throw damaged('its image header cannot be read')
  }
  if (!size.width || !size.height) throw damaged('it gives itself no width or height')
  withinLimits(size.width, size.height)
  return { width: size.width, height: size.height }
}
