import { readFileSync } from 'node:fs'
import { loadStyle, CitationSession } from '../src/citations/engine.ts'
const style = await loadStyle('/usr/share/citation-style-language/styles/apa.csl')
const items = JSON.parse(readFileSync('test/fixtures/style-apa/references.json', 'utf8'))
const s = new CitationSession(style, 'en-US', items) as any
s.engine.rebuildProcessorState([{ citationID: 'a', citationItems: [{ id: 'fair2014' }], properties: { noteIndex: 0 } }, { citationID: 'b', citationItems: [{ id: 'small2015' }], properties: { noteIndex: 0 } }], 'html')
console.log(Object.keys(s.engine.registry.citationreg.citationById), s.engine.registry.citationreg.citationByIndex.map((c: any) => c.citationID))
