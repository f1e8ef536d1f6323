/**
 * The documentation holds together: every relative link in the README, CONTRIBUTING.md and
 * docs/*.md leads to a file that exists (and a `#anchor` into a Markdown file to one of its
 * headings, slugged as GitHub slugs them); the README stays a day-one page of at most 250
 * lines and links every page of the docs. docs/architecture.md is linked before it is written:
 * until it exists, the link test names it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repo } from './helpers/cli.ts'

/** The pages the README must link, besides whatever else is under docs/. */
const pages = ['docs/writing.md', 'docs/reference.md', 'docs/outputs.md', 'docs/safety.md', 'docs/performance.md', 'docs/architecture.md', 'CONTRIBUTING.md']

const docsFolder = path.join(repo, 'docs')
const docPages = existsSync(docsFolder) ? readdirSync(docsFolder).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`) : []
const documents = ['README.md', 'CONTRIBUTING.md', ...docPages].filter((file) => existsSync(path.join(repo, file)))

/** The text outside fenced code blocks, one entry a line (fenced lines become empty, so line numbers hold). */
function prose(text: string): string[] {
  let fence: string | undefined
  return text.split('\n').map((line) => {
    const mark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1]
    if (mark && (!fence || (mark[0] === fence[0] && mark.length >= fence.length))) {
      fence = fence ? undefined : mark
      return ''
    }
    return fence ? '' : line
  })
}

/** A line without its code spans (`` `x` ``, ``` `` `x` `` ```), which hold examples, not links. */
const withoutCode = (line: string) => line.replace(/(`+)[\s\S]*?\1/g, '')

/** GitHub's heading anchors: lower case, punctuation other than `-` and `_` removed, spaces to `-`; repeats get -1, -2… */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const line of prose(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1]
    if (heading === undefined) continue
    const plain = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
      .replace(/<[^>]+>/g, '') // inline HTML tags
    const base = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    result.add(count ? `${base}-${count}` : base)
  }
  return result
}

interface Link {
  file: string
  line: number
  target: string
}

/** Relative Markdown links `[text](target)` and images, outside code. */
function relativeLinks(file: string): Link[] {
  const links: Link[] = []
  prose(readFileSync(path.join(repo, file), 'utf8')).forEach((line, index) => {
    for (const m of withoutCode(line).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1]!
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue // http:, mailto:…
      links.push({ file, line: index + 1, target })
    }
  })
  return links
}

/** Why a link leads nowhere, or undefined when it resolves. */
function broken({ file, target }: Link): string | undefined {
  const [pathPart = '', anchor] = target.split('#', 2)
  const resolved = pathPart ? path.resolve(path.dirname(path.join(repo, file)), decodeURIComponent(pathPart)) : path.join(repo, file)
  if (!existsSync(resolved)) return `no file ${path.relative(repo, resolved)}`
  if (anchor === undefined || !resolved.endsWith('.md')) return undefined
  if (!anchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor).toLowerCase())) return `no heading #${anchor} in ${path.relative(repo, resolved)}`
  return undefined
}

describe('the documentation', () => {
  it('has the README, CONTRIBUTING.md and the pages under docs/', () => {
    expect(documents).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/writing.md', 'docs/reference.md', 'docs/outputs.md', 'docs/safety.md', 'docs/performance.md']))
  })

  it('slugs headings as GitHub does', () => {
    const slugs = anchors('# Configuration: `brief.config.yaml`\n## How do I cite a page range?\n## Notes\n## Notes\n```\n# not a heading\n```\n### Memory in a long `brief watch`')
    expect([...slugs]).toEqual(['configuration-briefconfigyaml', 'how-do-i-cite-a-page-range', 'notes', 'notes-1', 'memory-in-a-long-brief-watch'])
  })

  for (const file of documents) {
    it(`${file}: every relative link leads to a file, and every anchor to a heading`, () => {
      const links = relativeLinks(file)
      const problems = links.flatMap((link) => {
        const why = broken(link)
        return why ? [`${link.file}:${link.line}: (${link.target}) ${why}`] : []
      })
      expect(problems).toEqual([])
    })
  }

  it('README.md is a day-one page: at most 250 lines', () => {
    const lines = readFileSync(path.join(repo, 'README.md'), 'utf8').replace(/\n$/, '').split('\n').length
    expect(lines).toBeLessThanOrEqual(250)
  })

  it('README.md links every page of the docs and CONTRIBUTING.md', () => {
    const linked = new Set(relativeLinks('README.md').map((link) => path.normalize(link.target.split('#')[0]!)))
    const missing = [...new Set([...pages, ...docPages])].filter((page) => !linked.has(path.normalize(page)))
    expect(missing).toEqual([])
  })

  it('README.md keeps the quick start commands as they are', () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8')
    expect(readme).toContain('npm install && npx brief build')
    expect(readme).toMatch(/^npm test\b/m)
  })

  it('docs/performance.md has the markers the bench writes its table between', () => {
    const text = readFileSync(path.join(repo, 'docs/performance.md'), 'utf8')
    const start = text.indexOf('<!-- bench:start -->')
    expect(start).toBeGreaterThanOrEqual(0)
    expect(text.indexOf('<!-- bench:end -->')).toBeGreaterThan(start)
  })

  it('docs/reference.md lists exactly the configuration keys the schema reads', async () => {
    const { configFields } = await import('../src/config/schema.ts')
    const text = readFileSync(path.join(repo, 'docs/reference.md'), 'utf8')
    const section = text.split(/^## Configuration/m)[1]!.split(/^## /m)[0]!
    const listed = [...section.matchAll(/^\| ((?:`[a-z-]+`(?:, )?)+) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([a-z-]+)`/g)].map((k) => k[1]!))
    expect(listed.sort()).toEqual(Object.keys(configFields).sort())
  })

  it('every test file opens with a comment saying what it holds (CONTRIBUTING.md points there)', () => {
    const files = ['test', 'test/stress'].flatMap((dir) => readdirSync(path.join(repo, dir)).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(dir, f)))
    expect(files.length).toBeGreaterThan(40)
    const bare = files.filter((f) => !readFileSync(path.join(repo, f), 'utf8').startsWith('/**'))
    expect(bare).toEqual([])
  })

  it('the README and the reference name, in their command summaries, every flag each command takes', async () => {
    for (const doc of ['README.md', 'docs/reference.md']) {
      const text = readFileSync(path.join(repo, doc), 'utf8')
      for (const name of ['new', 'check', 'bib', 'watch', 'build', 'site']) {
        const { command } = (await import(`../src/commands/${name}.ts`)) as { command: { flags: string[] } }
        // The usage line and the lines that continue it (indented).
        const usage = new RegExp(`^brief ${name}\\b.*(?:\\n {4,}.*)*`, 'm').exec(text)?.[0] ?? ''
        expect(command.flags.filter((flag) => !usage.includes(flag)), `${doc}: brief ${name}`).toEqual([])
      }
    }
  })
})

