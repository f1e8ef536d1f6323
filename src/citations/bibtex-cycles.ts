/**
 * References in a BibTeX file that never end: entries whose `crossref` fields name each other
 * (`a` takes its missing fields from `b`, `b` from `a`), and `@string` macros defined by
 * themselves (`@string{loop = loop # " x"}`). The reader would recurse until the stack
 * overflows, or read the macro as empty; both are found first, with the place to fix.
 */
import type { Point } from 'unist'
import { placeAt } from '../text/points.ts'

export interface CycleProblem {
  place: Point
  /** The names around the cycle, the first again at the end. */
  cycle: string[]
  kind: 'crossref' | 'macro'
}

interface Link {
  targets: string[]
  place: Point
}

/** Each entry's crossref target, and each macro's macros, with the place each is written. */
function links(text: string): { crossref: Map<string, Link>; macros: Map<string, Link> } {
  const crossref = new Map<string, Link>()
  const macros = new Map<string, Link>()
  const starts = [...text.matchAll(/^[ \t]*@(\w+)\s*[{(]\s*([^,\s=]*)/gm)]
  starts.forEach((entry, i) => {
    const from = entry.index!
    const body = text.slice(from, starts[i + 1]?.index ?? text.length)
    const type = entry[1]!.toLowerCase()
    if (type === 'string') {
      const definition = /^[ \t]*@string\s*[{(]\s*([A-Za-z][\w:.+/-]*)\s*=\s*([\s\S]*?)[})]\s*$/i.exec(body)
      if (definition) macros.set(definition[1]!.toLowerCase(), { targets: macroNames(definition[2]!), place: placeAt(text, from) })
      return
    }
    const field = /(?<=[,\s])crossref\s*=\s*[{"]?\s*([^,}"\s]+)/i.exec(body)
    if (field && entry[2]) crossref.set(entry[2].toLowerCase(), { targets: [field[1]!.toLowerCase()], place: placeAt(text, from + field.index) })
  })
  return { crossref, macros }
}

/** The bare macro names in a value (`loop # " x" # {y}` names `loop`): parts outside braces and quotes. */
function macroNames(value: string): string[] {
  return value
    .replace(/\{[^}]*\}|"[^"]*"/g, ' ')
    .split('#')
    .map((part) => /^\s*([A-Za-z][\w:.+/-]*)\s*[,})]?\s*$/.exec(part)?.[1]?.toLowerCase())
    .filter((name): name is string => Boolean(name))
}

/** The first cycle in a graph, followed from each node in the order written. */
function firstCycle(graph: Map<string, Link>): { cycle: string[]; place: Point } | undefined {
  const done = new Set<string>()
  for (const start of graph.keys()) {
    const path: string[] = []
    const walk = (node: string): string[] | undefined => {
      const at = path.indexOf(node)
      if (at >= 0) return [...path.slice(at), node]
      if (done.has(node) || !graph.has(node)) return undefined
      path.push(node)
      for (const next of graph.get(node)!.targets) {
        const found = walk(next)
        if (found) return found
      }
      path.pop()
      done.add(node)
      return undefined
    }
    const cycle = walk(start)
    if (cycle) return { cycle, place: graph.get(cycle[0]!)!.place }
  }
  return undefined
}

export function findCycle(text: string): CycleProblem | undefined {
  const { crossref, macros } = links(text)
  const macro = firstCycle(macros)
  if (macro) return { ...macro, kind: 'macro' }
  const entries = firstCycle(crossref)
  return entries && { ...entries, kind: 'crossref' }
}

export function cycleMessage(problem: CycleProblem): string {
  const chain = problem.cycle.map((name) => `\`${name}\``).join(' → ')
  return problem.kind === 'crossref'
    ? `the entries' \`crossref\` fields name each other (${chain}), so none of them can be completed: remove the crossref that closes the circle`
    : problem.cycle.length === 2
      ? `the macro \`${problem.cycle[0]}\` is defined by itself, so it has no value: write its value in braces, {…}`
      : `the macros ${chain} are defined by each other, so none has a value: write one of them in braces, {…}`
}
