/**
 * The catalogue of rule ids (src/rules.ts) is the list docs/reference.md gives authors and
 * editors: the two agree; the compiler pins every id the code reports to it (read here with
 * TypeScript's own checker, so computed ids count); and it lists no id the code never reports.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { rules } from '../src/rules.ts'
import { repo } from './helpers/cli.ts'

const catalogue = Object.keys(rules).sort()

/**
 * What the compiler knows of every `ruleId` the code gives a message (`file.message(…, {
 * ruleId })`, a `VFileMessage`, or a value carrying one): the literal ids its type allows, and
 * the places where its type is a plain string (an id the compiler does not pin).
 */
function reportedIds(): { ids: Set<string>; unpinned: string[] } {
  const read = ts.readConfigFile(path.join(repo, 'tsconfig.json'), ts.sys.readFile)
  const config = ts.parseJsonConfigFileContent(read.config, ts.sys, repo)
  const program = ts.createProgram(config.fileNames.filter((f) => f.startsWith(path.join(repo, 'src'))), config.options)
  const checker = program.getTypeChecker()
  const ids = new Set<string>()
  const unpinned: string[] = []
  for (const source of program.getSourceFiles()) {
    if (!source.fileName.startsWith(path.join(repo, 'src')) || source.fileName.endsWith('rules.ts')) continue
    // Records read back from disk (the build record) hold ids as saved, not as reported.
    if (source.fileName.endsWith('incremental.ts')) continue
    const visit = (node: ts.Node) => {
      if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && node.name.getText(source) === 'ruleId') {
        const type = checker.getTypeAtLocation(ts.isPropertyAssignment(node) ? node.initializer : node.name)
        for (const part of type.isUnion() ? type.types : [type]) {
          if (part.isStringLiteral()) ids.add(part.value)
          else if (!(part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) {
            const { line } = source.getLineAndCharacterOfPosition(node.getStart(source))
            unpinned.push(`${path.relative(repo, source.fileName)}:${line + 1}: ${checker.typeToString(type)}`)
          }
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return { ids, unpinned }
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

  const reported = reportedIds()

  it('pins every id the code reports to the catalogue, computed ones included', () => {
    expect(reported.unpinned).toEqual([])
    expect([...reported.ids].filter((id) => !(id in rules))).toEqual([])
    expect(reported.ids.size).toBeGreaterThan(30)
  })

  it('covers every id in the pinned messages of the fixtures', () => {
    expect(fixtureIds().size).toBeGreaterThan(15)
    expect([...fixtureIds()].filter((id) => !(id in rules))).toEqual([])
  })

  it('lists no id the code never reports', () => {
    expect(catalogue.filter((id) => !reported.ids.has(id))).toEqual([])
  })
})
