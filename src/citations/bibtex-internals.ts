/**
 * The insides of citation-js's BibTeX plugin we read or mend, in one place: its entry and
 * value parsers (to read again what its mapping to CSL leaves out), the macros it defines, and
 * its crossref inheritance, patched once below. They are not its public API, so the plugin is
 * pinned exactly to the version they were written against (test/versions.test.ts, and the
 * patch register in docs/architecture.md).
 */
import { createRequire } from 'node:module'
import { parse as parseFile } from '@citation-js/plugin-bibtex/lib/input/file.js'
import { parse as parseFieldValue } from '@citation-js/plugin-bibtex/lib/input/value.js'
import { defaultStrings } from '@citation-js/plugin-bibtex/lib/input/constants.js'

/** The @citation-js/plugin-bibtex version whose internals these are. */
export const readBibtexPluginVersion = '0.8.2'

/** The @string macros the BibTeX reader defines itself (months, journal abbreviations). */
export const predefinedMacros: Readonly<Record<string, string>> = defaultStrings

/** A file's entries as the plugin's parser reads them. */
export const parseEntries: (text: string) => Array<{ type: string; label: string; properties: Record<string, string> }> = parseFile

/** A field's text without its LaTeX (`parseValue(latex, 'note')`). */
export const parseValue: (latex: string, field: string) => unknown = parseFieldValue

/**
 * A part of a book that takes its fields from the book by `crossref` (`@inbook{a, crossref =
 * {b}}`) is given the book's author as `bookauthor` and its subtitle as `booksubtitle`, even
 * when the book has none (an edited book has editors); the field then holds `undefined`, and
 * the plugin's mapping to CSL fails on it ("Failed to convert bookauthor to container-author"),
 * refusing the whole file. Fields with no value are left out of what the entry inherits.
 */
const crossrefModule = createRequire(import.meta.url)('@citation-js/plugin-bibtex/lib/mapping/crossref.js') as {
  crossref: ((target: string, entry: Record<string, unknown>, registry: unknown) => Record<string, unknown>) & { withoutEmpty?: boolean }
}
if (!crossrefModule.crossref.withoutEmpty) {
  const inherit = crossrefModule.crossref
  crossrefModule.crossref = Object.assign(
    (target: string, entry: Record<string, unknown>, registry: unknown) => Object.fromEntries(Object.entries(inherit(target, entry, registry)).filter(([, value]) => value !== undefined)),
    { withoutEmpty: true },
  )
}
