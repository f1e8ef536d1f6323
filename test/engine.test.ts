/**
 * A citation session's own ordering: a style that sorts the sources inside a citation sorts
 * each run between the author's words on its own, by the style's keys, as pandoc 2.17 does
 * (expected texts are pandoc's, with the same style and sources). And what both of its passes
 * (citeproc-js's whole pass, and one citation at a time) must agree on.
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
import { fixtures, sharedFolder } from './helpers/fixtures.ts'

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

describe('both passes', () => {
  it('gives two works first cited in one note their short titles from the first later reference on (OSCOLA)', async () => {
    const sources = JSON.parse(readFileSync(path.join(fixtures, 'style-oscola-ambiguous-later', 'references.json'), 'utf8')) as CslItem[]
    const style = await loadStyle(stylePath('oscola', repo))
    const notes: CiteprocItem[][] = [
      [{ id: 'rashid2019', locator: '12' }, { id: 'rashid2021', locator: '20' }],
      [{ id: 'small2015', locator: '3' }],
      [{ id: 'rashid2019', locator: '33' }],
      [{ id: 'rashid2021', locator: '40' }],
    ]
    for (const linearFrom of [Infinity, 1]) {
      const session = new CitationSession(style, 'en-GB', sources)
      const citations = notes.map((citationItems, i): CiteprocCitation => ({ citationID: `c${i}`, citationItems, properties: { noteIndex: i + 1 } }))
      const rendered = session.renderCitations(citations, linearFrom)
      expect(session.pass).toBe(linearFrom === 1 ? 'one by one' : 'whole')
      expect([rendered.get('c2'), rendered.get('c3')]).toEqual(['Rashid and others, ‘Trade at the Torkham Crossing’ (n 1) 33.', 'Rashid and others, ‘Fencing the Durand Line’ (n 1) 40.'])
    }
  })
})
