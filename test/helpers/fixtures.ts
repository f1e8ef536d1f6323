/**
 * Fixture briefs as tests read them. A case folder holds only what is particular to it; a
 * sources file that many cases share lives once in test/fixtures/shared/ and is copied into
 * a case when its brief names it and the case has no file of that name. Tests build a staged
 * copy, so nothing is ever written into the fixture folders.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { repo } from './cli.ts'

export const fixtures = path.join(repo, 'test/fixtures')
export const sharedFolder = path.join(fixtures, 'shared')
/** Broken inputs: each must be refused with its pinned messages and exit code. */
export const badFixtures = path.join(fixtures, 'bad')

const shared = readdirSync(sharedFolder)

/** The cases that build: every folder under test/fixtures except shared/ and bad/. */
export function goodCases(): string[] {
  return readdirSync(fixtures, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'shared' && d.name !== 'bad')
    .map((d) => d.name)
    .sort()
}

export function badCases(): string[] {
  return readdirSync(badFixtures, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
}

/** Shared files that the brief in `source` names and `source` lacks. */
export function sharedFilesFor(source: string): string[] {
  const brief = path.join(source, 'brief.md')
  const text = existsSync(brief) ? readFileSync(brief, 'latin1') : ''
  return shared.filter((name) => !existsSync(path.join(source, name)) && new RegExp(`(^|[\\s:\\[,-])${name.replace('.', '\\.')}\\b`, 'm').test(text))
}

/**
 * A copy of fixture `name` (under test/fixtures, or a path) at `<parent>/<basename>`, with the
 * shared files it names. The folder's name is kept: it is the brief's slug.
 */
export function stageFixture(name: string, parent = mkdtempSync(path.join(tmpdir(), 'brief-fixture-'))): string {
  const source = path.isAbsolute(name) ? name : path.join(fixtures, name)
  const folder = path.join(parent, path.basename(source))
  mkdirSync(parent, { recursive: true })
  cpSync(source, folder, { recursive: true })
  for (const file of sharedFilesFor(source)) copyFileSync(path.join(sharedFolder, file), path.join(folder, file))
  return folder
}

let stagingRoot: string | undefined
const staged = new Map<string, string>()

/** Fixture `name` staged once per test file (inputs only: tests must not write into it). */
export function fixture(name: string): string {
  let folder = staged.get(name)
  if (!folder) {
    stagingRoot ??= mkdtempSync(path.join(tmpdir(), 'brief-fixtures-'))
    folder = stageFixture(name, path.join(stagingRoot, String(staged.size)))
    staged.set(name, folder)
  }
  return folder
}
