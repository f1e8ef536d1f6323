/**
 * Hyphenation a reader trusts: running text only, never proper nouns or acronyms (unless the
 * institute allows it), short words in table cells left whole, and TeX's minimums for each
 * language (English: two letters before a break, three after; no word under five letters).
 */
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../src/config/schema.ts'
import { hyphenatorFor, keepMinimums, rehypeHyphenate } from '../src/plugins/rehype-hyphenate.ts'

async function hyphenated(html: string, names = false, lang = 'en-US'): Promise<string> {
  const file = new VFile({ data: { meta: { lang } as never, config: { ...defaultConfig, 'hyphenate-names': names } } })
  const tree = (await unified().use(rehypeHyphenate).run(fromHtml(html, { fragment: true }) as Root, file)) as Root
  return toHtml(tree).replaceAll('\u00ad', '·')
}

describe('hyphenation', () => {
  it('breaks ordinary words, never proper nouns or acronyms', async () => {
    const out = await hyphenated('<p>The recovery of Pakistan and the UNFCCC corridors</p>')
    expect(out).toContain('re·cov·ery')
    expect(out).toContain('cor·ri·dors')
    expect(out).toContain('Pakistan')
    expect(out).toContain('UNFCCC')
  })

  it('breaks proper nouns when the institute allows it (hyphenate-names: true)', async () => {
    expect(await hyphenated('<p>Pakistan</p>', true)).toContain('Pak·istan')
  })

  it('leaves short words whole in table cells, and never touches notes, links or headings', async () => {
    const out = await hyphenated('<table><tr><td>recovery internationalisation</td></tr></table><h2>recovery</h2><a href="x">recovery</a><span class="footnote">recovery</span>')
    expect(out).toContain('<td>recovery in·ter·na·tion·al·i·sa·tion</td>')
    expect(out).toContain('<h2>recovery</h2>')
    expect(out).toContain('>recovery</a>')
    expect(out).toContain('>recovery</span>')
  })

  it('keeps two letters before an English break and three after it, as TeX does', async () => {
    const out = await hyphenated('<p>The spirit within, obviously, the security policy however</p>')
    // The patterns alone give "spir·it", "with·in", "ob·vi·ous·ly", "se·cu·ri·ty", "pol·i·cy", "how·ev·er".
    expect(out).toContain('spirit within')
    expect(out).toContain('ob·vi·ously')
    expect(out).toContain('se·cu·rity')
    expect(out).toContain('pol·icy')
    expect(out).toContain('how·ever')
    expect(await hyphenated('<p>the spirit within</p>', false, 'en-GB')).toContain('the spirit within')
  })

  it('breaks no word under five letters, and no word so that a break leaves too few letters', async () => {
    const en = hyphenatorFor('en-US')!
    const words = 'the over into alike paper ruler spirit within mechanism dialogue negotiation significant already every region border economic governance'.split(' ')
    for (const word of words) {
      const parts = en(word).split('\u00ad')
      if (word.length < 5) expect(parts, word).toHaveLength(1)
      if (parts.length > 1) {
        expect(parts[0]!.length, word).toBeGreaterThanOrEqual(2)
        expect(parts.at(-1)!.length, word).toBeGreaterThanOrEqual(3)
      }
    }
  })

  it('keeps each language to its own minimums: French two and three, German two and two', async () => {
    expect(await hyphenated('<p>la sécurité du gouvernement</p>', false, 'fr')).toContain('sé·cu·rité du gou·ver·ne·ment')
    expect(await hyphenated('<p>die Sicherheit und Zusammenarbeit</p>', false, 'de')).toContain('Zusammenarbeit')
    expect(hyphenatorFor('de')!('sicherheit').replaceAll('\u00ad', '·')).toBe('si·cher·heit')
    expect(hyphenatorFor('de-DE')!('zusammenarbeit').replaceAll('\u00ad', '·')).toBe('zu·sam·men·ar·beit')
  })

  it('counts letters, not combining marks, towards the minimums', () => {
    // "é·té·tés" written with combining accents: one letter before the first break, three after the second.
    expect(keepMinimums('e\u0301\u00adte\u0301\u00adte\u0301s', 2, 3)).toBe('e\u0301te\u0301\u00adte\u0301s')
    // Two letters after the break, however many code points the accents add.
    expect(keepMinimums('ab\u00adc\u0327d\u0301', 2, 3)).toBe('abc\u0327d\u0301')
    expect(keepMinimums('ab\u00adcde', 2, 3)).toBe('ab\u00adcde')
  })
})
