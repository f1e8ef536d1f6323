/**
 * The example brief copied and built to a web page and an EPUB once, for the tests of builds
 * that stop between two renames (test/interrupted-writes.test.ts, and
 * test/stress/killed-between-renames.test.ts): `retitle` edits its title, `run` builds it again.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect } from 'vitest'
import { build } from '../../src/core/build.ts'
import { repo, seed } from './cli.ts'

export const formats: Array<'html' | 'epub'> = ['html', 'epub']

export async function retitledProject() {
  const root = mkdtempSync(path.join(tmpdir(), 'brief-interrupted-'))
  const folder = path.join(root, 'ties')
  cpSync(path.join(repo, 'briefs', seed), folder, { recursive: true })
  const out = path.join(root, 'out')
  const first = await build({ paths: [folder], out, formats, cwd: repo })
  expect(first.ok).toBe(true)
  const markdown = path.join(folder, 'brief.md')
  const original = readFileSync(markdown, 'utf8')
  return {
    folder,
    out,
    html: path.join(out, 'ties.html'),
    epub: path.join(out, 'ties.epub'),
    retitle: (title?: string) => writeFileSync(markdown, title ? original.replace(/^title: .*$/m, `title: ${title}`) : original),
    run: () => build({ paths: [folder], out, formats, cwd: repo }),
    temps: () => readdirSync(out).filter((f) => f.endsWith('.tmp')),
  }
}
