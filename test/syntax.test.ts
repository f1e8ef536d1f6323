/** Pandoc's citation syntax and locators as src/citations/syntax.ts and locator.ts read them. */
import { describe, expect, it } from 'vitest'
import { parseLocator, pluralLocator, rangeForCiteproc } from '../src/citations/locator.ts'
import { findCitations } from '../src/citations/syntax.ts'

const items = (text: string) => findCitations(text).map((c) => ({ mode: c.mode, raw: text.slice(c.start, c.end), items: c.items.map(({ keyOffset: _, ...rest }) => rest) }))

describe('citation syntax (pandoc)', () => {
  it('reads a bracketed citation', () => {
    expect(items('Text [@key].')).toEqual([{ mode: 'normal', raw: '[@key]', items: [{ key: 'key', prefix: '', suffix: '', suppressAuthor: false }] }])
  })

  it('reads a page locator with and without a label', () => {
    expect(items('[@key, p. 12]')[0]!.items[0]).toMatchObject({ locator: '12', label: 'page', suffix: '' })
    expect(items('[@key, 14–15]')[0]!.items[0]).toMatchObject({ locator: '14–15', label: 'page' })
    expect(items('[@key pp. 33-35, 38]')[0]!.items[0]).toMatchObject({ locator: '33-35, 38', label: 'page' })
  })

  it('maps locator labels to CSL terms', () => {
    const label = (text: string) => parseLocator(text).label
    expect([', ch. 4', ', sec. 2', ', para. 7', ', art. 3', ', n. 2', ', chapter 4', ', §§ 3-4', ', vol. 2']).toSatisfy((all: string[]) => all.every((t) => label(t)))
    expect(label(', ch. 4')).toBe('chapter')
    expect(label(', sec. 2')).toBe('section')
    expect(label(', para. 7')).toBe('paragraph')
    expect(label(', art. 3')).toBe('article-locator')
    expect(label(', n. 2')).toBe('note')
    expect(label(', §§ 3-4')).toBe('section')
  })

  it('keeps words after the locator as the suffix', () => {
    expect(parseLocator(', p. 12, emphasis added')).toEqual({ locator: '12', label: 'page', suffix: ', emphasis added' })
    expect(parseLocator(', emphasis added')).toEqual({ suffix: ', emphasis added' })
    expect(parseLocator(', {iv, n. 2}')).toEqual({ locator: 'iv, n. 2', label: 'page', suffix: '' })
  })

  it('reads locators as pandoc does: ranges typed with --, sub-locators, several values', () => {
    const read = (text: string) => parseLocator(text)
    expect(read(', paras. 8--9')).toEqual({ locator: '8–9', label: 'paragraph', suffix: '' })
    expect(read(', 533---536')).toEqual({ locator: '533—536', label: 'page', suffix: '' })
    expect(read(', art. III(2)')).toEqual({ locator: 'III(2)', label: 'article-locator', suffix: '' })
    expect(read(', 12(b)')).toEqual({ locator: '12(b)', label: 'page', suffix: '' })
    expect(read(', sec. 4(1)(a)')).toEqual({ locator: '4(1)(a)', label: 'section', suffix: '' })
    expect(read(', 3, 5')).toEqual({ locator: '3, 5', label: 'page', suffix: '' })
    expect(read(', [17]-[18]')).toEqual({ locator: '[17]-[18]', label: 'page', suffix: '' })
    expect(read(', 1.2.3.')).toEqual({ locator: '1.2.3', label: 'page', suffix: '.' })
    expect(read(', 3:12-14')).toEqual({ locator: '3:12-14', label: 'page', suffix: '' })
    expect(read(', vol. II, p. 4')).toEqual({ locator: 'II', label: 'volume', suffix: ', p. 4' })
    expect(read(', Pp. 12')).toEqual({ locator: '12', label: 'page', suffix: '' })
    expect(read(', chap. 2')).toEqual({ locator: '2', label: 'chapter', suffix: '' })
    expect(read(', p. iv')).toEqual({ locator: 'iv', label: 'page', suffix: '' })
    expect(read(', 33-44 and more')).toEqual({ locator: '33-44', label: 'page', suffix: ' and more' })
    expect(read(', {pp. iv, vi--xi}')).toEqual({ locator: 'iv, vi–xi', label: 'page', suffix: '' })
  })

  it('leaves what is not a locator to the suffix, with a comma as pandoc adds one', () => {
    expect(parseLocator(', para 8')).toEqual({ suffix: ', para 8' })
    expect(parseLocator(', I')).toEqual({ suffix: ', I' })
    expect(parseLocator('emphasis added')).toEqual({ suffix: ', emphasis added' })
    expect(parseLocator(', p. 3, <i>emphasis</i> added')).toEqual({ locator: '3', label: 'page', suffix: ', <i>emphasis</i> added' })
  })

  it('reads prefixes and several items in one cluster', () => {
    const [cluster] = items('[see @a, ch. 4; also @b, p. 2]')
    expect(cluster!.items).toEqual([
      { key: 'a', prefix: 'see ', locator: '4', label: 'chapter', suffix: '', suppressAuthor: false },
      { key: 'b', prefix: 'also ', locator: '2', label: 'page', suffix: '', suppressAuthor: false },
    ])
  })

  it('reads author-in-text citations, with a bracketed locator after the key', () => {
    expect(items('@key says')).toEqual([{ mode: 'author-in-text', raw: '@key', items: [{ key: 'key', prefix: '', suffix: '', suppressAuthor: false }] }])
    expect(items('@key [p. 33] says')[0]).toMatchObject({ raw: '@key [p. 33]', items: [{ locator: '33', label: 'page' }] })
  })

  it('reads suppress-author', () => {
    expect(items('[-@key, 5]')[0]!.items[0]).toMatchObject({ key: 'key', suppressAuthor: true, locator: '5' })
  })

  it('allows :._-/ inside keys but not at their end', () => {
    expect(items('[@doe:2020/x.y-z_1].')[0]!.items[0]!.key).toBe('doe:2020/x.y-z_1')
    expect(items('as @doe2020.')[0]!.items[0]!.key).toBe('doe2020')
    expect(items('(@doe2020).')[0]!.items[0]!.key).toBe('doe2020')
    expect(items('[@{odd key}]')[0]!.items[0]!.key).toBe('odd key')
  })

  it('does not take e-mail addresses, a lone @ or ordinary brackets for citations', () => {
    expect(findCitations('mail jane@example.org today')).toEqual([])
    expect(findCitations('meet @ noon')).toEqual([])
    expect(findCitations('a [bracketed aside] and [@ nothing]')).toEqual([])
  })

  it('reports where each key starts', () => {
    const [cluster] = findCitations('See [x @abc; @de].')
    expect(cluster!.items.map((i) => i.keyOffset)).toEqual([7, 13])
  })
})

describe('a locator’s range as citeproc-js is given it', () => {
  it('leaves a page range of numbers to citeproc-js, with a hyphen, so the style shortens it and sets its dash', () => {
    expect(rangeForCiteproc('101–103')).toBe('101-103')
    expect(rangeForCiteproc('A3–A5, 7–9', 'page')).toBe('A3-A5, 7-9')
  })

  it('sets the en dash itself in every other range, as CSL and pandoc print it', () => {
    expect(rangeForCiteproc('2-3', 'figure')).toBe('2–3')
    expect(rangeForCiteproc('4 - 5', 'chapter')).toBe('4–5')
    expect(rangeForCiteproc('III-V', 'article-locator')).toBe('III–V')
    expect(rangeForCiteproc('[17]-[18]')).toBe('[17]–[18]')
    expect(rangeForCiteproc('iv-vi, 3-5')).toBe('iv–vi, 3-5')
  })

  it('leaves what is not one range as written', () => {
    expect(rangeForCiteproc('2-3-4', 'section')).toBe('2-3-4')
    expect(rangeForCiteproc('12', 'figure')).toBe('12')
    expect(rangeForCiteproc('-3', 'figure')).toBe('-3')
  })

  it('joins a page range it sets with the style’s page-range-delimiter, other ranges with an en dash', () => {
    expect(rangeForCiteproc('[17]-[18]', 'page', '-')).toBe('[17]-[18]')
    expect(rangeForCiteproc('101–103', 'page', '-')).toBe('101-103')
    expect(rangeForCiteproc('2-3', 'figure', '-')).toBe('2–3')
  })
})

describe('a locator’s label, singular or plural as pandoc decides', () => {
  it('is plural for a locator of more than one part', () => {
    for (const locator of ['[17]-[18]', 'iv, n. 2', '3, 5', '12–14', '2-3-4']) expect(pluralLocator(locator), locator).toBe(true)
  })

  it('is singular for one part, or a range with an escaped hyphen', () => {
    for (const locator of ['xii', '12', ' 12 ', '12\\-14']) expect(pluralLocator(locator), locator).toBe(false)
  })
})
