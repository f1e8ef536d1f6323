import { readFileSync } from 'node:fs'
import { loadStyle, CitationSession } from '../src/citations/engine.ts'
const style = await loadStyle('/usr/share/citation-style-language/styles/apa.csl')
const items = JSON.parse(readFileSync('test/fixtures/style-apa/references.json', 'utf8'))
const c = (id: string, items: any[]) => ({ citationID: id, citationItems: items, properties: { noteIndex: 0 } })
const clusters = [
  c('a', [{ id: 'small2015', locator: '3', label: 'page' }, { id: 'small2020', locator: '2', label: 'page' }]),
  c('b', [{ id: 'small2015' }, { id: 'small2020' }]),
  c('c', [{ id: 'small2015' }, { id: 'small2020' }, { id: 'fair2014' }]),
  c('d', [{ id: 'small2015', locator: '3', label: 'page' }, { id: 'small2020' }, { id: 'fair2014' }]),
  c('e', [{ id: 'small2015' }, { id: 'small2020', locator: '2', label: 'page' }, { id: 'fair2014', locator: '9' }]),
]
for (const set of [false, true]) {
  const s = new CitationSession(style, 'en-US', items) as any
  if (set) s.engine.citation.opt['after-collapse-delimiter'] = s.engine.citation.opt.layout_delimiter
  console.log(set, JSON.stringify(s.engine.citation.opt.layout_delimiter), [...s.renderCitations(clusters).values()])
}
