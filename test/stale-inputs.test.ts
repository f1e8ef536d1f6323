/**
 * No stale build: a file edited while its brief is being built is built again next time, never
 * recorded as built; and every file the build read is an input of its record, a dependent
 * style's parent included.
 *
 * "While it builds" is made exact, not timed: node:fs/promises' open is wrapped so that, once
 * armed, the first read of the file named in `faults.afterRead` (test/helpers/fs-faults.ts; through the gate in src/reads.ts, which
 * opens every input) returns what was on disk and then changes the file, when it is closed. The edit so always lands after the build read the file and before its
 * record is written, the moment a record hashed from the disk got wrong.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { crc32 } from 'node:zlib'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { dependentJournalStyle } from './helpers/input-gate.ts'
import { faults } from './helpers/fs-faults.ts'
import { repo } from './helpers/cli.ts'
import { fixture } from './helpers/fixtures.ts'

const root = mkdtempSync(path.join(tmpdir(), 'brief-stale-inputs-'))
const folder = path.join(root, 'briefs', 'probe')
const out = path.join(root, 'out')
const at = (name: string) => path.join(folder, name)
const html = () => readFileSync(path.join(out, 'probe.html'), 'utf8')

/**
 * Builds the probe to a web page. `during` names a file to change right after this build reads
 * it: from the start of the run (the configuration and logo are read first), or from the start
 * of the brief's own build (`fromBrief`), so that the up-to-date check's reads do not count.
 */
async function run(during?: { file: string; change: (file: string) => void; fromBrief?: boolean }, force = false) {
  const edit = { file: during?.file ?? '', change: during?.change, armed: Boolean(during && !during.fromBrief) }
  faults.afterRead = edit
  try {
    const report = await build({ paths: [folder], out, formats: ['html'], cwd: root, force, onStart: () => (edit.armed = true) })
    expect(report.briefs[0]!.messages.filter((m) => m.fatal)).toEqual([])
    if (during) expect(edit.change, `${during.file} was read by the build`).toBeUndefined()
    return report.briefs[0]!
  } finally {
    delete faults.afterRead
  }
}

/** The same picture in other bytes: the PNG with a text chunk added after its header. */
function retagged(file: string, text: string): void {
  const png = readFileSync(file)
  const data = Buffer.from(`Comment\0${text}`, 'latin1')
  const chunk = Buffer.alloc(12 + data.length)
  chunk.writeUInt32BE(data.length, 0)
  chunk.write('tEXt', 4, 'latin1')
  data.copy(chunk, 8)
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)) >>> 0, 8 + data.length)
  // The signature (8 bytes) and the header chunk (25) come first.
  writeFileSync(file, Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]))
}

const rewrite = (from: string | RegExp, to: string) => (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to))

beforeAll(() => {
  mkdirSync(folder, { recursive: true })
  cpSync(path.join(fixture('layout-elements'), 'references.json'), at('references.json'))
  copyFileSync(path.join(fixture('layout-elements'), 'map.png'), at('map.png'))
  copyFileSync(path.join(fixture('layout-elements'), 'map.png'), path.join(root, 'logo.png'))
  writeFileSync(path.join(root, 'brief.config.yaml'), 'logo: logo.png\n')
  // A journal's style that only names its parent, which stands beside it.
  copyFileSync(path.join(repo, 'styles/author-date.csl'), at('house-parent.csl'))
  writeFileSync(at('journal.csl'), dependentJournalStyle)
  const sources = JSON.parse(readFileSync(at('references.json'), 'utf8')) as Array<{ id: string }>
  writeFileSync(
    at('brief.md'),
    `---\ntitle: First title\ndate: 2025-04-07\nbibliography: references.json\ncsl: journal.csl\n---\n\nTrade resumed [@${sources[0]!.id}].\n\n![A map of the crossings](map.png)\n`,
  )
})

describe('a file edited while its brief builds', () => {
  it('builds the probe, then finds it up to date', async () => {
    expect((await run()).skipped).toBeFalsy()
    expect((await run()).skipped).toBe(true)
  })

  it('rebuilds a brief whose Markdown was edited after the build read it', async () => {
    const built = await run({ file: at('brief.md'), change: rewrite('First title', 'Second title'), fromBrief: true }, true)
    expect(built.skipped).toBeFalsy()
    expect(html()).toContain('First title')
    const next = await run()
    expect(next.skipped).toBeFalsy()
    expect(html()).toContain('Second title')
    expect((await run()).skipped).toBe(true)
  })

  it('rebuilds a brief whose image was replaced after the build read it', async () => {
    await run({ file: at('map.png'), change: (file) => retagged(file, 'replaced'), fromBrief: true }, true)
    expect((await run()).skipped).toBeFalsy()
    expect((await run()).skipped).toBe(true)
  })

  it('rebuilds every brief when the logo was replaced after the run read it', async () => {
    await run({ file: path.join(root, 'logo.png'), change: (file) => retagged(file, 'replaced') }, true)
    expect((await run()).skipped).toBeFalsy()
    expect((await run()).skipped).toBe(true)
  })

  it('rebuilds every brief when the configuration was edited after the run read it', async () => {
    await run({ file: path.join(root, 'brief.config.yaml'), change: (file) => writeFileSync(file, '# edited\nlogo: logo.png\n') }, true)
    expect((await run()).skipped).toBeFalsy()
    expect((await run()).skipped).toBe(true)
  })

  it('rebuilds a brief whose bibliography was edited after the build read it', async () => {
    await run({ file: at('references.json'), change: rewrite('"title": "', '"title": "Revised: '), fromBrief: true }, true)
    expect(html()).not.toContain('Revised: ')
    expect((await run()).skipped).toBeFalsy()
    expect(html()).toContain('Revised: ')
    expect((await run()).skipped).toBe(true)
  })

  it('rebuilds a brief whose newly named bibliography was edited after the build read it', async () => {
    writeFileSync(at('more.json'), JSON.stringify([{ id: 'more2024', type: 'book', title: 'One more source', issued: { 'date-parts': [[2024]] } }], null, 1))
    rewrite('bibliography: references.json', 'bibliography: [references.json, more.json]')(at('brief.md'))
    await run({ file: at('more.json'), change: rewrite('"title": "', '"title": "More: '), fromBrief: true })
    expect((await run()).skipped).toBeFalsy()
  })
})

describe('a dependent style', () => {
  it('rebuilds the brief when the parent it names is edited', async () => {
    expect((await run()).skipped).toBe(true)
    rewrite('<info>', '<!-- edited -->\n  <info>')(at('house-parent.csl'))
    expect((await run()).skipped).toBeFalsy()
    expect((await run()).skipped).toBe(true)
  })

  it('rebuilds the brief when the parent was edited after the build read it', async () => {
    await run({ file: at('house-parent.csl'), change: rewrite('<info>', '<!-- again -->\n  <info>'), fromBrief: true }, true)
    expect((await run()).skipped).toBeFalsy()
    expect((await run()).skipped).toBe(true)
  })
})
