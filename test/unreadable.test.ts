/**
 * Files a brief names but this user may not read (EACCES): the brief, a bibliography, an image
 * and a style. Each is refused at its place with "permission denied" and what to do, nothing is
 * written. Simulated, since the tests may run as root, who can read anything: opening the
 * file whose path is `faults.denied` (test/helpers/fs-faults.ts) fails as the kernel would fail it (every input is opened by
 * the one gate in src/reads.ts).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { formatMessage } from '../src/report.ts'
import { faults } from './helpers/fs-faults.ts'
import { fixture } from './helpers/fixtures.ts'

const cases: Array<[string, string, RegExp]> = [
  ['brief.md', 'brief.md:1:1', /^Cannot read the brief: permission denied: this user may not read it; give read permission/],
  ['references.json', 'brief.md:', /^Bibliography file `references\.json` cannot be read: permission denied/],
  ['map.png', 'brief.md:', /^Image `map\.png` cannot be read: permission denied/],
  ['house.csl', 'brief.md:', /^CSL style `house\.csl` cannot be read: permission denied/],
]

describe('files this user may not read', () => {
  for (const [name, where, reason] of cases) {
    it(`refuses ${name} with "permission denied" at its place and writes nothing`, async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'brief-unreadable-'))
      const folder = path.join(root, 'locked')
      // The layout fixture has sources and an image; a copy of the house style makes the fourth.
      cpSync(fixture('layout-elements'), folder, { recursive: true })
      cpSync(path.join(import.meta.dirname, '../styles/issi.csl'), path.join(folder, 'house.csl'))
      writeFileSync(path.join(folder, 'brief.md'), readFileSync(path.join(folder, 'brief.md'), 'utf8').replace(/^---\n/, '---\ncsl: house.csl\n'))
      expect(existsSync(path.join(folder, name))).toBe(true)
      faults.denied = path.join(folder, name)
      try {
        const out = path.join(root, 'out')
        const report = await build({ paths: [folder], out, formats: ['html'], cwd: root })
        const errors = report.briefs[0]!.messages.filter((m) => m.fatal)
        expect(errors.map((m) => m.reason)).toHaveLength(1)
        expect(errors[0]!.reason).toMatch(reason)
        expect(formatMessage(errors[0]!, { color: false, cwd: folder })).toMatch(new RegExp(`^${where.replace('.', '\\.')}`))
        expect(existsSync(out) ? readdirSync(out).filter((f) => !f.startsWith('.')) : []).toEqual([])
      } finally {
        delete faults.denied
      }
    })
  }
})
