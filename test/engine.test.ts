/**
 * A citation session's own ordering: a style that sorts the sources inside a citation sorts
 * each run between the author's words on its own, by the style's keys, as pandoc 2.17 does
 * (expected texts are pandoc's, with the same style and sources).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CslItem } from '../src/citations/csl-item.ts'
import { CitationSession } from '../src/citations/engine.ts'
import type { CiteprocCitation, CiteprocItem } from '../src/citations/citeproc.ts'
import { stylePath } from '../src/citations/style-choice.ts'
import { loadStyle } from '../src/citations/styles.ts'
import { repo } from './helpers/cli.ts'
import { sharedFolder } from './helpers/fixtures.ts'

const library = JSON.parse(readFileSync(path.join(sharedFolder, 'references-styles.json'), 'utf8')) as CslItem[]

async function render(items: CiteprocItem[][]): Promise<string[]> {
  const session = new CitationSession(await loadStyle(stylePath('apa', repo)), 'en-US', library)
  const citations = items.map((citationItems, i): CiteprocCitation => ({ citationID: `c${i}`, citationItems, properties: { noteIndex: 0 } }))
  const rendered = session.renderCitations(citations)
  return citations.map((c) => rendered.get(c.citationID)!)
}

describe('citation session', () => {
  it('sorts each run of sources between the author’s words by the style’s keys, keeping the runs in order', async () => {
    const [first, second] = await render([
      [{ id: 'siddiqa2017' }, { id: 'shah2014', prefix: 'see ' }, { id: 'fair2014' }],
      [{ id: 'small2020', prefix: 'see ' }, { id: 'shah2014', locator: '4' }, { id: 'fair2014' }, { id: 'small2015', prefix: 'cf. ' }],
    ])
    expect(first).toBe('(Siddiqa, 2017; Fair, 2014; see Shah, 2014)')
    expect(second).toBe('(Fair, 2014; Shah, 2014, p. 4; see Small, 2020; cf. Small, 2015)')
  })
})
