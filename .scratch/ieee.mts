import { readFileSync } from 'node:fs'
import { loadStyle, CitationSession } from '../src/citations/engine.ts'
const style = await loadStyle('/usr/share/citation-style-language/styles/ieee.csl')
const items = JSON.parse(readFileSync('test/fixtures/style-ieee/references.json', 'utf8'))
const s = new CitationSession(style, 'en-US', items)
const c = (id: string, items: any[], n = 0) => ({ citationID: id, citationItems: items, properties: { noteIndex: n } })
try { console.log(s.renderCitations([c('a', [{ id: 'siddiqa2017', prefix: 'see ' }, { id: 'fair2014', prefix: 'cf. ' }])])) } catch (e) { console.log('ERR1', (e as Error).stack?.split('\n').slice(0, 6).join('\n')) }
const s2 = new CitationSession(style, 'en-US', items)
try { console.log(s2.renderCitations([c('a', [{ id: 'siddiqa2017' }, { id: 'fair2014' }]), c('b', [{ id: 'fair2014', prefix: 'x' }, { id: 'siddiqa2017' }])])) } catch (e) { console.log('ERR2', (e as Error).message) }
