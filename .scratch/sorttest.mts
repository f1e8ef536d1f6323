import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadStyle, CitationSession } from '/work/main/src/citations/engine.ts'
const require = createRequire(import.meta.url)
const CSL = require('citeproc')
const style = await loadStyle('/usr/share/citation-style-language/styles/apa.csl')
const items = JSON.parse(readFileSync('/tmp/px/refs2.json', 'utf8'))
const s = new CitationSession(style, 'en-US', items) as any
const engine = s.engine
const keys = ['siddiqa2017', 'fair2014', 'shah2014'].map((id) => ({ id, keys: CSL.getSortKeys.call(engine, engine.retrieveItem(id), 'citation_sort') }))
console.log(keys.map(k => [k.id, k.keys]))
const sorted = [...keys].map(k => [k.id, {sortkeys: k.keys}]).sort(engine.citation.srt.compareCompositeKeys)
console.log(sorted.map(x => x[0]), engine.opt.citation_number_sort, engine.citation_sort.tokens.length)
