import { loadStyle, CitationSession } from '../src/citations/engine.ts'
import { stylePath } from '../src/citations/style-choice.ts'
const style = await loadStyle(stylePath('apa', '.'))
for (const n of ['2024-QR-4', '2024\u2011QR\u20114', 'QR-4', '3-5', 'WP/24/12', '12a', 'No. 7']) {
  const s = new CitationSession(style, 'en-US', [{ id: 'x', type: 'report', title: 'Q', publisher: 'P', number: n, issued: { 'date-parts': [[2024]] } }])
  console.log(JSON.stringify(n), s.renderCitations([{ citationID: 'a', citationItems: [{ id: 'x' }], properties: { noteIndex: 0 } }]).get('a'), s.renderBibliography(['x']).entries[0]?.html.replace(/<[^>]+>/g, ''))
}
