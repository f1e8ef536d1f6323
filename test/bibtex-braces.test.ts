/** Finding the entry and field whose braces are wrong, for BibTeX messages at the right place. */
import { describe, expect, it } from 'vitest'
import { entryAt, findBraceProblem } from '../src/citations/bibtex-braces.ts'

const good = '@article{a,\n  title = {A {Study} of \\{braces\\}},\n  abstract = {Two\n  lines},\n  year = {2020}\n}\n\n@comment{ anything }\n@book{b,\n  title = {B}\n}\n'

describe('BibTeX braces', () => {
  it('finds nothing wrong in a file whose braces balance (escaped braces are characters)', () => {
    expect(findBraceProblem(good)).toBeUndefined()
  })

  it('names the field that left a brace open, not the entry where a parser gives up', () => {
    const text = '@article{a,\n  title = {Open {here},\n  year = {2020}\n}\n\n@book{b,\n  title = {B}\n}\n'
    expect(findBraceProblem(text)).toEqual({ place: { line: 2, column: 3 }, key: 'a', field: 'title', kind: 'unclosed' })
  })

  it('names an entry left open at its own start', () => {
    expect(findBraceProblem('@book{a,\n  title = {A},\n  year = {2020}\n\n@book{b,\n  title = {B}\n}\n')).toEqual({ place: { line: 1, column: 1 }, key: 'a', kind: 'unclosed' })
  })

  it('finds a closing brace too many', () => {
    expect(findBraceProblem('@book{a,\n  title = {A}\n}}\n')).toMatchObject({ place: { line: 3, column: 2 }, key: 'a', kind: 'extra-close' })
  })

  it('knows which entry a line belongs to', () => {
    expect(entryAt(good, 3)).toBe('a')
    expect(entryAt(good, 10)).toBe('b')
    expect(entryAt('% nothing yet\n', 1)).toBeUndefined()
  })
})
