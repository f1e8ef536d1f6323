/**
 * The insides of citation-js's BibTeX plugin we read, in one place: its entry and value
 * parsers (to read again what its mapping to CSL leaves out) and the macros it defines. They
 * are not its public API, so the plugin is pinned exactly to the version they were written
 * against (test/versions.test.ts, and the patch register in docs/architecture.md).
 */
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
