/**
 * Image files made in the test, byte by byte: a valid PNG of any size (noise, so it does not
 * compress: `png(600, 600)` is about 1 MB), and the broken ones the image check must refuse.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { crc32, deflateSync } from 'node:zlib'

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/**
 * An RGB PNG `width`×`height` of noise from a fixed seed (the same bytes every run).
 * `interlaced`: Adam7, its seven passes' rows one after another; `rows`: only that many rows
 * of data, in a file otherwise whole (chunks, checksums and end all as they should be).
 */
export function png(width: number, height: number, seed = 1, options: { interlaced?: boolean; rows?: number } = {}): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // RGB
  header[12] = options.interlaced ? 1 : 0
  const passes = options.interlaced
    ? [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]].map(([x, y, dx, dy]) => [Math.ceil((width - x!) / dx!), Math.ceil((height - y!) / dy!)] as const)
    : [[width, height] as const]
  let state = seed
  const parts: Buffer[] = []
  let left = options.rows ?? Infinity
  for (const [w, h] of passes) {
    if (!w || !h) continue
    for (let y = 0; y < h && left > 0; y++, left--) {
      const row = Buffer.alloc(1 + w * 3)
      for (let x = 1; x < row.length; x++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0
        row[x] = state >>> 24
      }
      parts.push(row)
    }
  }
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(parts))), chunk('IEND', new Uint8Array())])
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A 1×1 GIF and a 1×1 lossless WebP, as they are commonly shipped. */
export const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
export const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')

/** A PNG whose header claims `width`×`height` over one row of real data (a "decompression bomb" claim). */
export function pngClaiming(width: number, height: number): Buffer {
  const real = png(1, 1)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 2
  return Buffer.concat([real.subarray(0, 8), chunk('IHDR', header), real.subarray(33)])
}

/** A brief in a fresh folder with `files` beside it and one image a paragraph, from line 5. */
export function briefWith(files: Record<string, Uint8Array | string>, body: string[]): string {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'brief-images-')), 'images')
  mkdirSync(folder)
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(folder, name), data)
  writeFileSync(path.join(folder, 'brief.md'), ['---', 'title: Images', '---', '', ...body.flatMap((line) => [line, ''])].join('\n'))
  return folder
}
