/**
 * Hyphenation a reader trusts: running text only, never proper nouns or acronyms (unless the
 * institute allows it), short words in table cells left whole.
 */
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../src/config/schema.ts'
import { rehypeHyphenate } from '../src/plugins/rehype-hyphenate.ts'

async function hyphenated(html: string, names = false): Promise<string> {
  const file = new VFile({ data: { meta: { lang: 'en-US' } as never, config: { ...defaultConfig, 'hyphenate-names': names } } })
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
})
