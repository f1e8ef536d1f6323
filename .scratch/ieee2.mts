import { readFileSync } from 'node:fs'
import { loadStyle, CitationSession } from '../src/citations/engine.ts'
const style = await loadStyle('/usr/share/citation-style-language/styles/ieee.csl')
const items = JSON.parse(readFileSync('test/fixtures/style-ieee/references.json', 'utf8'))
const c = (id: string, items: any[], extra = {}) => ({ citationID: id, citationItems: items, properties: { noteIndex: 0, ...extra } })
for (const cs of [
  [c('a', [{ id: 'siddiqa2017', suffix: ' x' }, { id: 'fair2014' }], { unsorted: true })],
  [c('z', [{ id: 'shah2014' }]), c('a', [{ id: 'siddiqa2017', suffix: ' x' }, { id: 'fair2014' }], { unsorted: true })],
  [c('a', [{ id: 'siddiqa2017' }, { id: 'fair2014' }], { unsorted: true })],
]) {
  const s = new CitationSession(style, 'en-US', items) as any
  try { console.log(s.engine.rebuildProcessorState(cs, 'html')) } catch (e) { console.log('ERR', (e as Error).stack?.split('\n').slice(0, 4).join(' | ')) }
}
