/**
 * The language citations are set in, and where its terms and dates come from: citation-js's
 * five locales, then those installed on the machine, found for a tag the way pandoc finds
 * them.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { csl, usualRegion } from './citeproc.ts'
import type { BriefMeta } from '../brief/front-matter.ts'
import type { Style } from './styles.ts'

/**
 * CSL locales installed on the machine (Debian's citation-style-language-locales package, one
 * `locales-en-GB.xml` a language): citation-js ships only en-US, de-DE, es-ES, fr-FR and nl-NL,
 * where pandoc has them all.
 */
export const systemLocalesDir = '/usr/share/citation-style-language/locales'

/**
 * Whether citeproc-js can have terms and dates for `lang` (see resolveLocale), loading an
 * installed locale file the first time it is asked.
 */
export function hasLocale(lang: string): boolean {
  return resolveLocale(lang) !== undefined
}

/**
 * The CSL locale that serves `lang`, as pandoc finds it: the tag in its usual case (`en-gb`
 * is `en-GB`), else its language and region (`zh-Hant-TW` is `zh-TW`, `de-CH-1996` is
 * `de-CH`), else its language's usual region (`es-419` and `es` are `es-ES`).
 */
function resolveLocale(lang: string): string | undefined {
  if (!resolved.has(lang)) resolved.set(lang, findLocale(lang))
  return resolved.get(lang)
}

/** Each tag's answer, once a run: a brief asks three times, and a missing locale is files not found. */
const resolved = new Map<string, string | undefined>()

function findLocale(lang: string): string | undefined {
  let locale: Intl.Locale
  try {
    locale = new Intl.Locale(Intl.getCanonicalLocales(lang.replaceAll('_', '-'))[0]!)
  } catch {
    return undefined
  }
  const candidates = [locale.baseName, locale.region ? `${locale.language}-${locale.region}` : '', usualRegion(locale.language) ?? '', locale.language]
  return candidates.find((name) => name && loadLocale(name))
}

function loadLocale(name: string): boolean {
  if (csl.locales.has(name)) return true
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(name)) return false
  try {
    csl.locales.add(name, readFileSync(path.join(systemLocalesDir, `locales-${name}.xml`), 'utf8'))
    return true
  } catch {
    return false
  }
}

/** The locale name citeproc-js is given for `lang`; en-US when there is none. */
export function localeName(lang: string): string {
  return resolveLocale(lang) ?? 'en-US'
}

/** Whether the style, in `lang`, puts a comma or full stop inside closing quotation marks (US English). */
export function punctuationInQuote(style: Style, lang: string): boolean {
  return Boolean(csl.engine([], style.name, localeName(lang), 'html').getOpt('punctuation-in-quote'))
}

/** The language citations are set in: the brief's `lang` when written, else the style's own. */
export function citationLang(meta: Pick<BriefMeta, 'lang' | 'langWritten'> | undefined, style: Style): string {
  return (meta?.langWritten ? meta.lang : undefined) ?? style.defaultLocale ?? 'en-US'
}
