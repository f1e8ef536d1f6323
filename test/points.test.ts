/** Offsets placed as the Markdown parser places them: a line ends at LF, CRLF or a lone CR. */
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import { visit } from 'unist-util-visit'
import { describe, expect, it } from 'vitest'
import { placeAt, pointsIn } from '../src/text/points.ts'

describe('pointsIn', () => {
  it('places offsets after LF, CRLF and CR line ends', () => {
    const text = 'ab\ncd\r\nef\rgh'
    const at = pointsIn(text)
    expect([0, 3, 4, 7, 10, 11].map((offset) => at(offset))).toEqual([
      { line: 1, column: 1, offset: 0 },
      { line: 2, column: 1, offset: 3 },
      { line: 2, column: 2, offset: 4 },
      { line: 3, column: 1, offset: 7 },
      { line: 4, column: 1, offset: 10 },
      { line: 4, column: 2, offset: 11 },
    ])
    expect(placeAt(text, 7)).toEqual(at(7))
  })

  it('agrees with the Markdown parser at the start of every node, whatever the line ends', () => {
    const text = '# Title\r\n\r\nA paragraph with *emphasis*\rand a second line.\n\n- one\r- two\n'
    const at = pointsIn(text)
    visit(unified().use(remarkParse).parse(text), (node) => {
      const start = node.position!.start
      expect(at(start.offset!)).toEqual(start)
    })
  })

  it('places the first character of an empty text at 1:1, and an offset past the end at the end', () => {
    expect(pointsIn('')(0)).toEqual({ line: 1, column: 1, offset: 0 })
    expect(pointsIn('ab\ncd')(99)).toEqual({ line: 2, column: 3, offset: 5 })
  })
})
