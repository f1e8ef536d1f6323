/**
 * Every message about a key points at the key's own `@`, whatever pandoc Markdown stands before
 * it: fenced divs (attribute blocks, bare class words, nested, with any number of colons, and
 * `:::` lines inside code blocks and comments that are not fences), heading and image attribute
 * blocks, `~sub~` and `^sup^`, inline notes `^[…]`, `[^label]` notes and their definitions.
 * Generated briefs plant mistyped keys (`[@nokey1]`, `@nokey12 [p. 4]`) and references to
 * nothing (`@fig-nothere1`) at known offsets, the same key several times and keys that begin
 * with another (`@nokey`, `@nokey1`), so a message placed one column off, or at another
 * occurrence of its key, fails.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { locate } from '../src/brief/paths.ts'
import { defaultConfig } from '../src/config/schema.ts'
import { prepareBrief } from '../src/core/run.ts'
import { createMarkdownStage } from '../src/pipeline/processor.ts'
import { sharedFolder } from './helpers/fixtures.ts'

/**
 * Generated briefs a run: 25 in `npm test`, 600 in `npm run test:stress` (FC_RUNS), which CI
 * runs too. The seed is fixed, so `npm test`'s briefs are the first of the stress run's.
 */
const runs = Math.min(Number(process.env.FC_RUNS ?? 25), 600)

const folder = mkdtempSync(path.join(tmpdir(), 'brief-dialect-positions-'))
copyFileSync(path.join(sharedFolder, 'references.json'), path.join(folder, 'references.json'))
copyFileSync(path.join(sharedFolder, 'photo.jpg'), path.join(folder, 'photo.jpg'))
const stage = createMarkdownStage({ configDir: folder })

/** A stretch of brief.md and the keys planted in it, each with the offset of its `@`. */
interface Piece {
  text: string
  plants: Plant[]
}
interface Plant {
  at: number
  key: string
  rule: 'unknown-key' | 'unknown-cross-reference'
}

const literal = (text: string): Piece => ({ text, plants: [] })

function join(pieces: Piece[], separator = ''): Piece {
  let text = ''
  const plants: Plant[] = []
  pieces.forEach((piece, i) => {
    if (i > 0) text += separator
    plants.push(...piece.plants.map((plant) => ({ ...plant, at: plant.at + text.length })))
    text += piece.text
  })
  return { text, plants }
}

/** `before` + `@key` + `after`, the key planted. */
const plant = (before: string, key: string, after: string, rule: Plant['rule'] = 'unknown-key'): Piece => ({ text: `${before}@${key}${after}`, plants: [{ at: before.length, key, rule }] })

// Mistyped keys, some the beginning of another, each used many times.
const key = fc.constantFrom('nokey', 'nokey1', 'nokey12', 'do2020')
const citation = fc.oneof(
  key.map((k) => plant('[', k, ']')),
  key.map((k) => plant('[see ', k, ', p. 3]')),
  key.map((k) => plant('', k, '')),
  key.map((k) => plant('', k, ' [p. 4]')),
  key.map((k) => plant('[-', k, ']')),
  key.map((k) => join([literal('[@doe2020; '), plant('', k, ']')])),
  fc.constantFrom('fig-nothere1', 'tbl-nothere', 'sec-nothere2').map((k) => plant('', k, '', 'unknown-cross-reference')),
  fc.constantFrom('fig-nothere1', 'sec-nothere2').map((k) => plant('[see ', k, ']', 'unknown-cross-reference')),
)

// Inline pieces that are no citations: words, pandoc's sub- and superscripts, strikethrough,
// emphasis, code, escapes, entities, a footnote call, a cross-reference that exists.
const word = fc.constantFrom(
  'Trade', 'and', 'security', 'go', 'together.', 'CO~2~', 'H~2~O', '10^3^', 'x^2^,', '~~old~~', '*policy*', '`a:::b`', '\\*', 'A&amp;B', '[^n1]', '[^n2]', '~a\\ b~', 'ʿAbd', '@fig-real',
)
const plain = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => literal(words.join(' ')))

/** Pandoc's inline note: words and citations, with brackets, emphasis, code and links inside. */
const inlineNote = fc
  .array(fc.oneof(plain, citation, fc.constantFrom(literal('[a bracket]'), literal('*see*'), literal('`x]`'), literal('[a link](https://example.org)'))), { minLength: 1, maxLength: 3 })
  .map((parts) => join([literal('^['), join(parts, ' '), literal(']')]))

const inline = fc.array(fc.oneof({ arbitrary: plain, weight: 3 }, { arbitrary: citation, weight: 3 }, { arbitrary: inlineNote, weight: 1 }), { minLength: 1, maxLength: 5 })
const line = inline.map((parts) => join(parts, ' '))
const paragraph = fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => join(lines, '\n'))

const attributes = fc.constantFrom('{#sec-real .unnumbered}', '{.unnumbered}', '{#sec-other}')
const leaf = fc.oneof(
  { arbitrary: paragraph, weight: 5 },
  fc.tuple(fc.constantFrom('## ', '### '), line, fc.option(attributes)).map(([hashes, text, attrs]) => join([literal(hashes), text, literal(attrs ? ` ${attrs}` : '')])),
  fc.tuple(fc.constantFrom('{width=60%}', '{width=50% .wide}', '{.wide}'), paragraph).map(([attrs, text]) => join([literal(`![A photo](photo.jpg)${attrs} `), text])),
  // Each definition gets a label of its own below (`[^d?]` is a placeholder as long as the label).
  paragraph.map((text) => join([literal('[^d?]: '), text])),
  line.map((text) => join([literal('- '), text])),
  line.map((text) => join([literal('> '), text])),
  fc.constantFrom(
    literal('```\n::: {.box}\n[@nokey1] in code\n:::\n```'),
    literal('~~~\n:::\n~~~'),
    literal('````\n```\n::: box\n```\n````'),
    literal('<!--\n::: box\nan old draft [@nokey]\n-->'),
    literal('    ::: indented code'),
    literal('Term\n:   A definition.'),
  ),
)

const opening = fc.constantFrom('::: {.box title="Key points"}', '::: warning', ':::: {#box-a .summary}', '::: {.key-points} :::', ':::::{.callout-note}', '::: {.box title="A &amp; B"}')
const closing = fc.constantFrom(':::', '::::', ':::::  ')

const { block } = fc.letrec<{ block: Piece; blocks: Piece }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(opening, tie('blocks'), closing).map(([open, body, close]) => join([literal(open), body, literal(close)], '\n')),
  ),
  blocks: fc.array(tie('block'), { minLength: 1, maxLength: 4 }).map((blocks) => join(blocks, '\n\n')),
}))
const labels = '0123456789abcdefghijklmnopqrstuvwxyz'
const body = fc.array(block, { minLength: 1, maxLength: 10 }).map((blocks) => {
  const all = join(blocks, '\n\n')
  let n = 0
  return { ...all, text: all.text.replace(/\[\^d\?\]:/g, () => `[^d${labels[n++ % labels.length]}]:`) }
})

const front = '---\ntitle: Positions after pandoc Markdown\nbibliography: references.json\n---\n\n# The brief {#sec-real}\n\n![A real figure](photo.jpg){#fig-real}\n\n'
const notes = '\n\n[^n1]: The first note.\n\n[^n2]: The second note, citing [@doe2020].\n'

/** 1-based line and column of an offset, as the messages count them. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `${before.length}:${before.at(-1)!.length + 1}`
}

async function messagesAbout(text: string): Promise<string[]> {
  const file = path.join(folder, 'brief.md')
  writeFileSync(file, text)
  const { file: vfile } = await prepareBrief({ config: defaultConfig, stage: async () => stage }, locate(file))
  expect(vfile.messages.filter((m) => m.ruleId === 'internal').map((m) => m.reason)).toEqual([])
  return vfile.messages
    .filter((m) => m.ruleId === 'unknown-key' || m.ruleId === 'unknown-cross-reference')
    .map((m) => `${m.line}:${m.column} ${/`@([^`]+)`/.exec(m.reason)?.[1]} ${m.ruleId}`)
    .sort()
}

describe('positions after pandoc Markdown', () => {
  it('places every unknown key and cross-reference at its own @', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (generated) => {
        const text = front + generated.text + notes
        const expected = generated.plants.map((p) => `${lineColumn(text, front.length + p.at)} ${p.key} ${p.rule}`).sort()
        expect(await messagesAbout(text)).toEqual(expected)
      }),
      { numRuns: runs, seed: 20250407 },
    )
  }, 300_000)

  // The first counterexample the stress run found: character references and an escape before
  // two citations of one key made the second's place drift onto the first.
  for (const [name, wrap] of [
    ['in a paragraph', (t: string) => t],
    ['in nested boxes', (t: string) => `::: {.box title="Key points"}\n::: {.box}\n${t}\n:::\n:::`],
    ['in a block quote', (t: string) => `> ${t}`],
  ] as const) {
    it(`places the same key twice after references and escapes at each @, ${name}`, async () => {
      const line = 'A&amp;B &#x41;&#65;B \\* [@nokey1] [-@nokey1] and @nokey1 [p. 3] too.'
      const text = front + wrap(line) + '\n' + notes
      const first = text.indexOf('@nokey1')
      const expected = [first, text.indexOf('@nokey1', first + 1), text.lastIndexOf('@nokey1')].map((at) => `${lineColumn(text, at)} nokey1 unknown-key`).sort()
      expect(await messagesAbout(text)).toEqual(expected)
    })
  }
})

