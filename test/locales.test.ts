/**
 * The locale a brief's `lang` is given, found as pandoc finds it. A bare language goes to its
 * usual region by citeproc-js's own table (LANG_BASES, read in src/citations/citeproc.ts).
 */
import { describe, expect, it } from 'vitest'
import { localeName } from '../src/citations/locales.ts'

describe('citation locales', () => {
  it('gives a bare language its usual region, as citeproc-js knows it', () => {
    expect(localeName('es')).toBe('es-ES')
    expect(localeName('de')).toBe('de-DE')
    expect(localeName('en')).toBe('en-US')
  })

  it('reads a region it has no locale for as its language’s usual region', () => {
    expect(localeName('es-419')).toBe('es-ES')
  })

  it('falls back to en-US for a tag that is not a language', () => {
    expect(localeName('not a tag')).toBe('en-US')
  })
})
