/**
 * Every image is read through once (src/brief/image-check.ts) before any output carries it.
 * A family of broken files (empty, cut short at each place a copy can stop, damaged, garbage,
 * text or a web page under an image's name, an SVG or a raster under the other's name, past
 * the pixel and byte limits) each gets its exact error at the image's line and column, and
 * the brief no output at all; a family of good ones (PNG plain and interlaced, JPEG, a JPEG
 * named .png, GIF, WebP) builds in every output, each where that output takes it. (One image
 * used 800 times, carried once by every output, is in the long run: test/stress/images.test.ts.)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { limits } from '../src/brief/limits.ts'
import { build } from '../src/core/build.ts'
import { messages } from '../src/messages.ts'
import { repo } from './helpers/cli.ts'
import { briefWith, gif, png, pngClaiming, webp } from './helpers/images.ts'
import { sharedBrowser } from './helpers/browser.ts'

const photo = readFileSync(path.join(repo, 'test/fixtures/shared/photo.jpg'))

const withCrc = (file: Buffer, at: number) => {
  const copy = Buffer.from(file)
  copy[at] = copy[at]! ^ 0xff
  return copy
}

describe('broken images', () => {
  const good = png(40, 30)
  const broken: Array<[string, Uint8Array | string, string]> = [
    ['empty.png', '', messages.emptyImage('empty.png')],
    ['cut-in-data.png', good.subarray(0, 60), messages.truncatedImage('cut-in-data.png', 'PNG')],
    ['no-end.png', good.subarray(0, good.length - 12), messages.truncatedImage('no-end.png', 'PNG')],
    ['rows-missing.png', png(40, 30, 1, { rows: 12 }), messages.truncatedImage('rows-missing.png', 'PNG')],
    ['checksum.png', withCrc(good, 50), messages.damagedImage('checksum.png', 'PNG', 'the checksum of its IDAT chunk does not match')],
    ['garbage.png', Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 1) % 256)), messages.notAnImage('garbage.png')],
    ['text.jpg', 'Hello, this is not a JPEG\n', messages.notAnImage('text.jpg', 'text')],
    ['page.png', '<!DOCTYPE html><html><body>Not found</body></html>', messages.notAnImage('page.png', 'a web page (saved from a browser instead of the image?)')],
    ['annex.png', '%PDF-1.4 an annex', messages.notAnImage('annex.png', 'a PDF')],
    ['huge.png', pngClaiming(60000, 60000), messages.imageTooLarge('huge.png', 60000, 60000, limits.imageSide, limits.imagePixels)],
    ['wide.png', pngClaiming(30000, 10), messages.imageTooLarge('wide.png', 30000, 10, limits.imageSide, limits.imagePixels)],
    ['cut.jpg', photo.subarray(0, 600), messages.truncatedImage('cut.jpg', 'JPEG')],
    ['no-eoi.jpg', photo.subarray(0, photo.length - 2), messages.truncatedImage('no-eoi.jpg', 'JPEG')],
    ['cut.gif', gif.subarray(0, 30), messages.truncatedImage('cut.gif', 'GIF')],
    ['cut.webp', webp.subarray(0, 24), messages.truncatedImage('cut.webp', 'WebP')],
    ['photo.svg', photo, messages.misnamedImage('photo.svg', 'a JPEG image', 'photo.jpg')],
    ['drawing.png', '<svg xmlns="http://www.w3.org/2000/svg"/>', messages.misnamedImage('drawing.png', 'an SVG image', 'drawing.svg')],
    ['broken.svg', '<svg xmlns="http://www.w3.org/2000/svg">\n<rect></svg>', messages.svgSyntax('broken.svg', 'Missing end tag for element rect', 2)],
    ['plain.svg', '<svg><rect/></svg>', messages.svgSyntax('plain.svg', 'its root element is not <svg xmlns="http://www.w3.org/2000/svg">')],
    ['latin1.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><title>Caf\xe9</title></svg>', 'latin1'), messages.svgSyntax('latin1.svg', 'it is not UTF-8 text')],
  ]

  it('stops the brief with an error at each broken image, saying what is wrong and what to do, and writes no output', async () => {
    const folder = briefWith(Object.fromEntries(broken.map(([name, data]) => [name, data])), broken.map(([name]) => `Here is ![${name}](${name}).`))
    const out = path.join(folder, '..', 'out')
    const result = (await build({ paths: [folder], out, cwd: repo, formats: ['pdf', 'html', 'epub', 'docx'], browser: await sharedBrowser() })).briefs[0]!
    expect(result.ok).toBe(false)
    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId} ${m.reason}`)).toEqual(
      broken.map(([, , reason], i) => `${5 + 2 * i}:9 error bad-image ${reason}`),
    )
    expect(existsSync(out) ? readdirSync(out).filter((name) => !name.startsWith('.')) : []).toEqual([])
  })

  it('stops at a file past the byte limit before reading it through', async () => {
    const folder = briefWith({ 'big.png': Buffer.alloc(limits.imageBytes + 1) }, ['![big](big.png)'])
    const result = (await build({ paths: [folder], out: path.join(folder, '..', 'out'), cwd: repo, formats: ['html'] })).briefs[0]!
    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual([`5:1 bad-image ${messages.imageTooManyBytes('big.png', limits.imageBytes + 1, limits.imageBytes)}`])
  })
})

describe('good images', () => {
  it('builds PNG (plain and interlaced), JPEG (also named .png), GIF and WebP in every output that takes them, saying which leaves one out', async () => {
    const files = { 'plain.png': png(40, 30), 'interlaced.png': png(37, 23, 2, { interlaced: true }), 'photo.jpg': photo, 'jpeg-named.png': photo, 'dot.gif': gif, 'dot.webp': webp }
    const folder = briefWith(files, Object.keys(files).map((name) => `![${name}](${name})`))
    const out = path.join(folder, '..', 'out')
    const result = (await build({ paths: [folder], out, cwd: repo, formats: ['pdf', 'html', 'epub', 'docx'], browser: await sharedBrowser() })).briefs[0]!
    expect(result.messages.map((m) => `${m.source} ${m.ruleId} ${m.reason}`)).toEqual([
      `epub image-type ${messages.imageNotForEpub('dot.webp')}`,
      `docx image-type ${messages.imageNotForWord('dot.webp')}`,
    ])
    const page = readFileSync(path.join(out, 'images.html'), 'utf8')
    // The web page inlines each image as what its bytes are: the JPEG named .png is a JPEG.
    expect([...page.matchAll(/src="data:(image\/[a-z]+);base64,/g)].map((m) => m[1])).toEqual(['image/png', 'image/png', 'image/jpeg', 'image/jpeg', 'image/gif', 'image/webp'])
    const book = unzipSync(readFileSync(path.join(out, 'images.epub')))
    const manifest = strFromU8(book['OEBPS/content.opf']!)
    expect([...manifest.matchAll(/href="(images\/[^"]+)" media-type="([^"]+)"/g)].map((m) => `${path.extname(m[1]!)} ${m[2]}`).sort()).toEqual(['.gif image/gif', '.jpg image/jpeg', '.png image/png', '.png image/png'])
    const word = unzipSync(readFileSync(path.join(out, 'images.docx')))
    expect(Object.keys(word).filter((name) => name.startsWith('word/media/')).length).toBe(4)
  })
})
