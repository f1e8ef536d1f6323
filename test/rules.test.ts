/**
 * The catalogue of rule ids (src/rules.ts) is the list docs/reference.md gives authors and
 * editors: the two agree, the code reports no id outside it, and it lists no id the code never
 * uses.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { rules } from '../src/rules.ts'
import { repo } from './helpers/cli.ts'

const catalogue = Object.keys(rules).sort()

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.endsWith('rules.ts'))
}

/** Ids the code gives messages: `ruleId: '…'`, `ruleId: x ? '…' : '…'`, and the helpers' `(reason, '…')`. */
function reportedIds(): Set<string> {
  const ids = new Set<string>()
  for (const file of sourceFiles(path.join(repo, 'src'))) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/ruleId: ([^,}\n]+)/g)) {
      for (const id of m[1]!.matchAll(/'([a-z]+(?:-[a-z]+)*)'/g)) ids.add(id[1]!)
    }
    for (const m of text.matchAll(/\b(?:report|warn|failed)\((?:[^()]|\([^()]*\))*, '([a-z]+(?:-[a-z]+)*)'/g)) ids.add(m[1]!)
    for (const m of text.matchAll(/kind === '[a-z]+' \? '([a-z-]+)' : kind === '[a-z]+' \? '([a-z-]+)' : '([a-z-]+)'/g)) m.slice(1).forEach((id) => ids.add(id!))
  }
  return ids
}

/** Ids printed in the fixtures' pinned messages. */
function fixtureIds(): Set<string> {
  const ids = new Set<string>()
  for (const entry of readdirSync(path.join(repo, 'test/fixtures'), { withFileTypes: true, recursive: true })) {
    if (entry.name !== 'messages.txt' && entry.name !== 'expected.txt') continue
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8')
    for (const m of text.matchAll(/\[([a-z]+(?:-[a-z]+)*)\]$/gm)) ids.add(m[1]!)
  }
  return ids
}

describe('rule ids', () => {
  it('docs/reference.md lists exactly the catalogue, in a table of `id` and meaning', () => {
    const reference = readFileSync(path.join(repo, 'docs/reference.md'), 'utf8')
    const section = reference.split(/^#{2,3} Rule ids$/m)[1]?.split(/^#/m)[0] ?? ''
    const listed = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]!).sort()
    expect(listed).toEqual(catalogue)
  })

  it('covers every id the code reports', () => {
    const missing = [...reportedIds()].filter((id) => !(id in rules))
    expect(missing).toEqual([])
    expect(reportedIds().size).toBeGreaterThan(30)
  })

  it('covers every id in the pinned messages of the fixtures', () => {
    expect(fixtureIds().size).toBeGreaterThan(15)
    expect([...fixtureIds()].filter((id) => !(id in rules))).toEqual([])
  })

  it('lists no id the code never uses', () => {
    const code = sourceFiles(path.join(repo, 'src')).map((f) => readFileSync(f, 'utf8')).join('\n')
    const unused = catalogue.filter((id) => !code.includes(`'${id}'`))
    expect(unused).toEqual([])
  })
})
