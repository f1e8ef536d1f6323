/** Placing many offsets at once (a whole library's keys) gives what placing each alone gives. */
import { describe, expect, it } from 'vitest'
import { placeAt, pointsIn } from '../src/errors.ts'

describe('pointsIn', () => {
  it('agrees with placeAt at every offset, line ends and the end of the text included', () => {
    const text = '@book{a,\n  title = {A}\n}\n\n\n@article{b,\r\n  year = 2020 }\nlast line without end'
    const pointAt = pointsIn(text)
    for (let offset = 0; offset <= text.length; offset++) expect(pointAt(offset)).toEqual(placeAt(text, offset))
  })

  it('places the first character of an empty text at 1:1', () => {
    expect(pointsIn('')(0)).toEqual({ line: 1, column: 1, offset: 0 })
  })
})
