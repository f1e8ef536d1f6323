/**
 * The preview behind `brief watch`, in-process and without a browser: what it watches and
 * how it carries on through broken inputs. (test/stress/watch.test.ts drives the real command, in the long run.)
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { locate } from '../src/brief/paths.ts'
import { Preview } from '../src/core/preview.ts'
import { repo } from './helpers/cli.ts'
import { fixture } from './helpers/fixtures.ts'

const root = mkdtempSync(path.join(tmpdir(), 'brief-preview-'))
const folder = path.join(root, 'briefs', 'inline')
const styleFile = path.join(root, 'house-styles', 'house.csl')
const shared = path.join(root, 'shared')
const image = path.join(folder, 'figures', 'map.png')
let rebuilds = 0
let preview: Preview

const web = () => String(preview.state.web.output)

/** Saves `text` into `file` and waits until the preview has rebuilt because of it. */
async function saved(file: string, text: string | Buffer): Promise<void> {
  const before = rebuilds
  writeFileSync(file, text)
  for (let i = 0; i < 100 && rebuilds === before; i++) await new Promise((r) => setTimeout(r, 50))
  await preview.idle()
  if (rebuilds === before) throw new Error(`no rebuild after saving ${file}`)
}

beforeAll(async () => {
  cpSync(fixture('author-date-inline'), folder, { recursive: true })
  mkdirSync(path.dirname(image), { recursive: true })
  copyFileSync(path.join(repo, 'test/fixtures/layout-elements/map.png'), image)
  writeFileSync(path.join(folder, 'brief.md'), readFileSync(path.join(folder, 'brief.md'), 'utf8') + '\n![A map of the crossings](figures/map.png)\n')
  mkdirSync(path.dirname(styleFile), { recursive: true })
  copyFileSync(path.join(repo, 'styles/author-date.csl'), styleFile)
  mkdirSync(shared)
  preview = new Preview({ brief: locate(path.join(folder, 'brief.md')), cwd: root, csl: styleFile, sharedFolders: [shared], onRebuild: (e) => e.view === 'web' && rebuilds++ })
  await preview.start()
  await preview.idle()
})

afterAll(async () => {
  await preview?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('the preview', () => {
  it('builds the web page and the e-book, and has no print view without a browser', () => {
    expect(web()).toMatch(/\(\w[^)]*\d{4}/)
    expect(preview.state.epub.output).toBeInstanceOf(Uint8Array)
    expect(preview.state.print.output).toBeUndefined()
    expect(preview.state.print.building).toBe(false)
  })

  it('rebuilds when the style named with --csl, outside the brief, changes', async () => {
    const csl = readFileSync(styleFile, 'utf8')
    await saved(styleFile, csl.replace('<layout prefix="(" suffix=")" delimiter="; ">', '<layout prefix="⟨" suffix="⟩" delimiter="; ">'))
    expect(web()).toContain('⟨')
    await saved(styleFile, 'this is not XML')
    expect(preview.state.web.messages[0]).toMatchObject({ severity: 'error', where: expect.stringContaining('house.csl') })
    expect(web()).toContain('⟨') // the last good page stays
    await saved(styleFile, csl)
    expect(preview.state.web.messages.filter((m) => m.severity === 'error')).toEqual([])
    expect(web()).not.toContain('⟨')
  })

  it('rebuilds when an image in a subfolder changes or goes missing', async () => {
    const png = readFileSync(image)
    const before = preview.state.web.version
    rmSync(image)
    for (let i = 0; i < 100 && preview.state.web.version === before; i++) await new Promise((r) => setTimeout(r, 50))
    await preview.idle()
    expect(preview.state.web.messages.map((m) => m.message).join('\n')).toMatch(/map\.png/)
    await saved(image, png)
    expect(preview.state.web.messages.filter((m) => m.severity === 'error')).toEqual([])
  })

  it('rebuilds when a shared stylesheet or template folder changes, and when the configuration appears', async () => {
    await saved(path.join(shared, 'extra.css'), 'p { color: red }')
    await saved(path.join(root, 'brief.config.yaml'), 'name: Institute of Preview Studies\n')
    expect(web()).toContain('Institute of Preview Studies')
  })

  it('ignores editors\u2019 swap and backup files', async () => {
    const before = rebuilds
    writeFileSync(path.join(folder, '.brief.md.swp'), 'x')
    writeFileSync(path.join(folder, 'brief.md~'), 'x')
    await new Promise((r) => setTimeout(r, 300))
    expect(rebuilds).toBe(before)
  })
})
