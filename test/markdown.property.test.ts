/**
 * Any text at all, in the body or the front matter, either builds or gets positioned messages:
 * never an exception out of the Markdown stage or a tail, never an [internal] message.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { locate } from '../src/brief/paths.ts'
import { defaultConfig } from '../src/config/schema.ts'
import { prepareBrief } from '../src/core/run.ts'
import { createMarkdownStage } from '../src/pipeline/processor.ts'
import { HtmlRenderer } from '../src/render/web/html.ts'
import { EpubRenderer } from '../src/render/epub/epub.ts'

/** Generated inputs a run: 50 in `npm test`, 1,500 in `npm run test:stress` (FC_RUNS), which CI runs too. */
const runs = Number(process.env.FC_RUNS ?? 50)

const folder = mkdtempSync(path.join(tmpdir(), 'brief-md-property-'))
writeFileSync(path.join(folder, 'references.json'), JSON.stringify([{ id: 'a', type: 'book', title: 'A book', author: [{ family: 'Khan', given: 'Amina' }], issued: { 'date-parts': [[2020]] } }]))
const stage = createMarkdownStage({ configDir: folder })

// Pieces that mean something to Markdown, pandoc's extensions, HTML and YAML, and plain text.
const piece = fc.oneof(
  fc.constantFrom('*', '**', '_', '[', ']', '(', ')', '@a', '[@a]', '[@a, p. 3]', '[-@a]', '@b', '[^n]', '[^n]: a note\n', '^', '~', '`', '```\n', '\n', '\n\n', '> ', '- ', '1. ', '# ', '| a | b |\n|---|---|\n', '<div>', '</div>', '<p>', '<!--', '-->', '<img src="x.png">', '![a](x.png)', '{#id .class}', '::: box\n', ':::\n', '\\newpage', '---\n', '&amp;', '\t', '"', "'", '--', '...', 'https://example.org', '<script>x</script>', '\u00ad', '\u200b', 'ʿAbd', '\r'),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
)
const body = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''))
const frontValue = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('[', '{', '"', '2025-02-30', '!!js/function x', '*anchor', '&anchor x', '|', '>', '~', 'null', '-1'))

async function run(text: string): Promise<void> {
  const file = path.join(folder, 'brief.md')
  writeFileSync(file, text)
  const { file: vfile, tree } = await prepareBrief({ config: defaultConfig, stage: async () => stage }, locate(file))
  if (tree && !vfile.messages.some((m) => m.fatal)) {
    await (await HtmlRenderer.create()).render(tree, vfile)
    await (await EpubRenderer.create()).render(tree, vfile, 'property')
  }
  for (const message of vfile.messages) {
    expect(message.ruleId, message.reason).not.toBe('internal')
    expect(message.line ?? 1).toBeGreaterThanOrEqual(1)
    expect(message.column ?? 1).toBeGreaterThanOrEqual(1)
  }
}

describe('any Markdown', () => {
  it('builds or gets positioned messages, in the body', async () => {
    await fc.assert(fc.asyncProperty(body, (text) => run(`---\ntitle: Property\nbibliography: references.json\n---\n\n${text}\n`)), { numRuns: runs })
  }, 120_000)

  it('builds or gets positioned messages, in the front matter', async () => {
    const key = fc.constantFrom('title', 'subtitle', 'date', 'author', 'keywords', 'lang', 'csl', 'bibliography', 'nocite', 'abstract', 'type', 'titel')
    const front = fc.array(fc.tuple(key, frontValue), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`).join('\n'))
    await fc.assert(fc.asyncProperty(front, body, (fm, text) => run(`---\n${fm}\n---\n\n${text || 'Text.'}\n`)), { numRuns: runs })
  }, 120_000)
})
