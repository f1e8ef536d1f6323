/**
 * One image used 800 times, in all four outputs at once, as the command runs it: before, the
 * web page inlined it at every use and the build ended in an `[internal]` error at 2.7 GB or
 * more. Each output now holds one copy (measured: its size is about one image), and the
 * command's own memory stays near that of a brief with one image. And the same in this
 * process, counting what each output makes of the uses.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/core/build.ts'
import { repo } from '../helpers/cli.ts'
import { briefWith, png } from '../helpers/images.ts'

it('builds 800 uses of a 1 MB image into a PDF, web page, EPUB and DOCX that each hold it once', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-many-images-'))
  const folder = path.join(dir, 'many')
  mkdirSync(folder)
  const image = png(600, 600)
  writeFileSync(path.join(folder, 'chart.png'), image)
  writeFileSync(path.join(folder, 'brief.md'), ['---', 'title: Many', '---', '', ...Array.from({ length: 800 }, (_, i) => `Use ${i + 1} ![chart](chart.png)\n`)].join('\n'))
  // The command's peak memory, said by the process itself as it exits.
  const probe = path.join(dir, 'peak.mjs')
  writeFileSync(probe, "process.on('exit', () => process.stderr.write(`peak-rss-kib=${process.resourceUsage().maxRSS}\\n`))\n")
  const started = performance.now()
  const run = spawnSync(process.execPath, ['--import', probe, path.join(repo, 'bin/brief.js'), 'build', folder, '--out', path.join(dir, 'out'), '--format', 'pdf,html,epub,docx'], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 280_000,
  })
  const seconds = (performance.now() - started) / 1000
  expect(run.status, run.stderr).toBe(0)
  const peak = Number(/peak-rss-kib=(\d+)/.exec(run.stderr)?.[1]) * 1024
  const size = (name: string) => statSync(path.join(dir, 'out', name)).size
  console.log(`800 uses of a ${(image.length / 1e6).toFixed(2)} MB image: ${seconds.toFixed(1)} s, peak ${(peak / 2 ** 20).toFixed(0)} MiB; pdf ${size('many.pdf')}, html ${size('many.html')}, epub ${size('many.epub')}, docx ${size('many.docx')} bytes`)
  expect(size('many.html')).toBeLessThan(1.34 * image.length + 1_000_000)
  expect(size('many.epub')).toBeLessThan(image.length + 1_000_000)
  expect(size('many.docx')).toBeLessThan(image.length + 500_000)
  expect(Object.keys(unzipSync(readFileSync(path.join(dir, 'out', 'many.docx')))).filter((n) => n.startsWith('word/media/'))).toHaveLength(1)
  const pdf = spawnSync('qpdf', ['--json', path.join(dir, 'out', 'many.pdf')], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout
  expect(pdf.match(/"\/Subtype": "\/Image"/g)).toHaveLength(1)
  expect(size('many.pdf')).toBeLessThan(2 * image.length + 2_000_000)
  expect(peak).toBeLessThan(1024 * 2 ** 20)
})

// In this process, with the parts each output makes of the uses (moved here from
// test/images.test.ts: 3 s of `npm test`).
describe('one image used many times', () => {
  it('carries it once in the web page and the EPUB (800 uses of a 1 MB image) and in the Word document', async () => {
    const image = png(600, 600)
    expect(image.length).toBeGreaterThan(1_000_000)
    const uses = (name: string, n: number) => Array.from({ length: n }, (_, i) => `Use ${i + 1}: ![a chart](${name}) and ![the same chart](./${name}).`)
    const folder = briefWith({ 'chart.png': image }, uses('chart.png', 400))
    const out = path.join(folder, '..', 'out')
    const started = performance.now()
    const result = (await build({ paths: [folder], out, cwd: repo, formats: ['html', 'epub'] })).briefs[0]!
    const seconds = (performance.now() - started) / 1000
    expect(result.ok, result.messages.map(String).join('\n')).toBe(true)
    const page = readFileSync(path.join(out, 'images.html'), 'utf8')
    // Once, though it is written under two names (`chart.png`, `./chart.png`).
    expect(page.split(image.toString('base64')).length - 1).toBe(1)
    expect(statSync(path.join(out, 'images.html')).size).toBeLessThan(1.34 * image.length + 1_000_000)
    expect(page.match(/<use href="#brief-image-1"/g)).toHaveLength(800)
    expect(page.match(/<svg class="image" role="img" aria-label="a chart"/g)).toHaveLength(400)
    const book = unzipSync(readFileSync(path.join(out, 'images.epub')))
    expect(Object.keys(book).filter((name) => name.startsWith('OEBPS/images/'))).toHaveLength(1)
    expect(statSync(path.join(out, 'images.epub')).size).toBeLessThan(image.length + 1_000_000)
    expect(seconds).toBeLessThan(30)

    // Word: one media part for every use (a smaller image, as the Word writer hashes each use).
    const small = briefWith({ 'chart.png': png(100, 100) }, uses('chart.png', 400))
    const word = (await build({ paths: [small], out: path.join(small, '..', 'out'), cwd: repo, formats: ['docx'] })).briefs[0]!
    expect(word.ok).toBe(true)
    const parts = unzipSync(readFileSync(path.join(small, '..', 'out', 'images.docx')))
    expect(Object.keys(parts).filter((name) => name.startsWith('word/media/'))).toHaveLength(1)
    expect(strFromU8(parts['word/document.xml']!).match(/<pic:pic /g)).toHaveLength(800)
  })
})
