/**
 * The import graph of src/ and templates/: no circles, and no import from a lower layer to a
 * higher one. docs/architecture.md draws the same layers; a module that needs something from
 * above has found a fact in the wrong home (move the fact down, do not import up).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repo } from './helpers/cli.ts'

/** Lowest first. A module may import from its own layer and the ones before it. */
export const layers: Array<{ name: string; modules: string[] }> = [
  { name: 'foundation', modules: ['src/errors.ts', 'src/rules.ts', 'src/messages.ts', 'src/version.ts', 'src/toolkit.ts', 'src/reads.ts', 'src/text/', 'src/typeset/'] },
  { name: 'configuration', modules: ['src/config/'] },
  { name: 'brief', modules: ['src/brief/'] },
  { name: 'citations', modules: ['src/citations/'] },
  { name: 'tree types', modules: ['src/types/'] },
  { name: 'syntax', modules: ['src/syntax/'] },
  { name: 'templates', modules: ['templates/'] },
  { name: 'plugins', modules: ['src/plugins/'] },
  { name: 'pipeline', modules: ['src/pipeline/'] },
  { name: 'outputs', modules: ['src/render/'] },
  { name: 'commands', modules: ['src/core/', 'src/report.ts', 'src/setup/', 'src/site/'] },
  { name: 'command line', modules: ['src/commands/', 'src/cli.ts', 'src/index.ts'] },
]

/** Each output's folder is its own: outputs share code only through render/shared/. */
const outputFolders = ['src/render/web/', 'src/render/print/', 'src/render/epub/', 'src/render/docx/']

function sourceFiles(): string[] {
  return ['src', 'templates'].flatMap((dir) =>
    readdirSync(path.join(repo, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts'))
      .map((e) => path.relative(repo, path.join(e.parentPath, e.name))),
  )
}

/** Every relative import of a module, type-only ones and `import()` included, as repo paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(repo, file), 'utf8')
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!)
  return specifiers.map((s) => path.relative(repo, path.resolve(path.dirname(path.join(repo, file)), s)))
}

function layerOf(file: string): number {
  const index = layers.findIndex((layer) => layer.modules.some((m) => (m.endsWith('/') ? file.startsWith(m) : file === m)))
  if (index < 0) throw new Error(`${file} is in no layer: add it to the layers in test/architecture.test.ts and docs/architecture.md`)
  return index
}

const graph = new Map(sourceFiles().map((file) => [file, importsOf(file)]))

/** The import circles, each as the list of modules it goes through. */
function circles(): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
  return found
}

describe('import graph', () => {
  it('reads every module and its imports', () => {
    expect(graph.size).toBeGreaterThan(80)
    expect(graph.get('src/cli.ts')).toContain('src/errors.ts')
    // Type-only imports and dynamic imports count.
    expect(graph.get('src/core/run.ts')).toContain('src/pipeline/processor.ts')
  })

  it('has no circles', () => {
    expect(circles().map((c) => c.join(' → '))).toEqual([])
  })

  it('has no import from a lower layer to a higher one', () => {
    const upward: string[] = []
    for (const [file, imports] of graph) {
      for (const target of imports) {
        if (!graph.has(target)) continue
        if (layerOf(target) > layerOf(file)) upward.push(`${file} (${layers[layerOf(file)]!.name}) → ${target} (${layers[layerOf(target)]!.name})`)
      }
    }
    expect(upward).toEqual([])
  })

  it('keeps each output to its own folder and the shared one', () => {
    const across: string[] = []
    for (const [file, imports] of graph) {
      const own = outputFolders.find((folder) => file.startsWith(folder))
      if (!own) continue
      for (const target of imports) {
        const other = outputFolders.find((folder) => target.startsWith(folder))
        if (other && other !== own) across.push(`${file} → ${target}`)
      }
    }
    // The browser belongs to print; the preview (core/) and the print alone use it.
    expect(across).toEqual([])
  })

  it('finds a circle and an upward import when there is one', () => {
    graph.set('src/text/fake-a.ts', ['src/text/fake-b.ts'])
    graph.set('src/text/fake-b.ts', ['src/text/fake-a.ts', 'src/core/build.ts'])
    try {
      expect(circles().map((c) => c.join(' → '))).toContain('src/text/fake-a.ts → src/text/fake-b.ts → src/text/fake-a.ts')
      expect(layerOf('src/core/build.ts')).toBeGreaterThan(layerOf('src/text/fake-b.ts'))
    } finally {
      graph.delete('src/text/fake-a.ts')
      graph.delete('src/text/fake-b.ts')
    }
  })
})
