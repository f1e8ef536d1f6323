/**
 * Every message a brief can get, in one place so wording stays consistent and tests can pin
 * it; with the two helpers that put a file into words (why it could not be read, its path as
 * the user reads it).
 */
import path from 'node:path'

const quote = (s: string) => `\`${s}\``

/** Why a file could not be read, in a reader's words, with what to do; Node's own message otherwise. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'the file is not there (deleted, moved or renamed?)'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: this user may not read it; give read permission (e.g. `chmod a+r` on it) or copy it'
  if (code === 'EISDIR') return 'it is a folder, not a file'
  return (error as Error).message
}

/** A path as the user should read it: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}

/** Every message a brief can get, in one place so wording stays consistent and tests can pin it. */
export const messages = {
  emptyLocator: () => 'A comma after this key with no page or other locator after it; the comma is left out: write the page (`[@key, 12]`) or remove the comma',
  unknownKey: (key: string, near: string[], sources: string) =>
    `Unknown citation key ${quote('@' + key)}` +
    (near.length ? ` (did you mean ${near.map((k) => quote('@' + k)).join(', ')}?)` : '') +
    `; add it to ${sources} or correct the key`,
  duplicateKey: (key: string, first: string) =>
    `Citation key ${quote(key)} is defined twice (first at ${first}); rename or remove one of them`,
  noSources: () =>
    'Citations need sources, but the brief has no `bibliography:` or `references:`; add `bibliography: references.json` to the front matter',
  frontMatterSyntax: (detail: string) =>
    `Malformed front matter: ${detail}; fix the YAML between the \`---\` lines`,
  frontMatterNotMap: () =>
    'Front matter must be a YAML mapping of `key: value` lines, e.g. `title: My brief`',
  frontMatterType: (key: string, expected: string) =>
    `Front matter key ${quote(key)} must be ${expected}`,
  clashingId: (id: string, made: boolean, renamed: string | undefined) =>
    `Id ${quote(id)} ${made ? 'is one the toolkit gives its own parts (notes, calls, the bibliography)' : 'is already used by an element before this one'}: ` +
    (renamed ? `this element's id is ${quote(renamed)}; choose another id` : 'the outputs keep it on one element only; choose another id'),
  badLang: (written: string) =>
    `Unexpected \`lang:\` ${JSON.stringify(written)}, expected a language tag such as \`en-GB\`, \`ur\` or \`zh-Hant-TW\` (letters and digits in parts of at most 8, joined by \`-\`); the brief is read as en-US`,
  unknownFrontMatterKey: (key: string, near: string[]) =>
    `Unknown front matter key ${quote(key)}` +
    (near.length ? ` (did you mean ${near.map(quote).join(', ')}?)` : '') + '; it is ignored',
  nearMissFrontMatterKey: (key: string, meant: string) =>
    `Unknown front matter key ${quote(key)} (did you mean ${quote(meant)}?); as written its value would be lost, so the brief is not built: correct the key`,
  foreignFrontMatterKey: (key: string, instead: string) =>
    `Front matter key ${quote(key)} (Quarto's or pandoc's) is ignored: ${instead}`,
  frontMatterAlias: (key: string, canonical: string) =>
    `${quote(key)} is read as ${quote(canonical)}, Quarto's key for it; write ${quote(canonical + ':')} so other tools read it too`,
  frontMatterAliasClash: (key: string, canonical: string) =>
    `${quote(key)} and ${quote(canonical)} give different dates; keep one, ${quote(canonical + ':')}`,
  relativeDate: (key: string, value: string) =>
    `${quote(`${key}: ${value}`)} would change with every build; write the day itself, e.g. ${quote(`${key}: 2025-06-20`)}`,
  revisedBeforeDate: (modified: string, date: string) =>
    `The brief is revised (${quote(modified)}) before it is dated (${quote(date)}); a correction comes after the first issue: check the year`,
  // YAML mistakes, in the author's words: what YAML made of the line, and the line fixed.
  yamlColonInValue: (key: string, fixed: string) =>
    `The value of ${quote(key)} holds a colon followed by a space, which YAML reads as the start of another key; put the whole value in quotes: ${quote(fixed)}`,
  yamlTabIndent: () =>
    'This line is indented with a tab, and YAML indents with spaces only: replace the tab with spaces, lining the line up with the others at its level',
  yamlNoSpaceAfterColon: (written: string, fixed: string) =>
    `${quote(written)} needs a space after the colon, else YAML does not read it as a key and its value: ${quote(fixed)}`,
  yamlUnclosedQuote: (key: string, mark: string, fixed: string) =>
    `The value of ${quote(key)} opens a quote (${mark}) that is never closed, so YAML reads on into the lines below; close it on the same line: ${quote(fixed)}`,
  yamlQuoteClosedEarly: (key: string, mark: string, fixed: string) =>
    `The quoted value of ${quote(key)} ends at its second ${mark}, and YAML cannot read the text after it; ` +
    (mark === '\'' ? 'an apostrophe inside \'…\' is written twice (`\'\'`), or quote the value with " instead: ' : 'a " inside "…" is written `\\"`: ') + quote(fixed),
  yamlReservedStart: (key: string, start: string, fixed: string) =>
    `The value of ${quote(key)} starts with ${quote(start)}, which YAML keeps for its own syntax; put the whole value in quotes: ${quote(fixed)}`,
  yamlListItemWithoutDash: (written: string, fixed: string) =>
    `${quote(written)} stands in a list but has no \`- \` in front of it; start every item with \`- \`, as the ones above: ${quote(fixed)}`,
  yamlKeyNotAligned: (key: string, first: string, fixed: string) =>
    `${quote(key + ':')} belongs to the list item above but is not lined up with its first key ${quote(first + ':')}; indent it to the same column: ${quote(fixed)}`,
  yamlBadIndent: () =>
    'This line is indented differently from the lines it belongs with: the keys of one mapping, and the `- ` of one list, start in the same column',
  yamlStrayLine: (written: string) =>
    `${quote(written)} is not a \`key: value\` line; write it as one, make it a list item with \`- \`, or remove it (a comment starts with \`# \`)`,
  yamlDuplicateKey: (key: string, line: number) =>
    `${quote(key)} is given twice (first on line ${line}); keep one of them`,
  yamlUnclosedList: (key: string, open: string, fixed: string) =>
    `The value of ${quote(key)} starts with ${quote(open)}, which opens a YAML ${open === '[' ? 'list' : 'mapping'}, and it is never closed with ${quote(open === '[' ? ']' : '}')}: close it on the same line or, if the ${quote(open)} is part of the text, put the whole value in quotes: ${quote(fixed)}`,
  yamlRunOnList: (key: string, read: string, fixed: string[]) =>
    `${quote(key)} runs over several lines without \`- \`, so YAML reads one value, "${read}"; start each item on its own line with \`- \`: ${fixed.map(quote).join(', ')}`,
  yamlHashComment: (key: string, read: string, fixed: string) =>
    `YAML reads \` #\` as the start of a comment, so ${quote(key)} is "${read}"; to keep the rest, put the whole value in quotes: ${quote(fixed)}`,
  unknownChoice: (what: string, written: string, suggestion?: string) =>
    `Unknown ${what} ${quote(written)}${suggestion ? ` (did you mean ${quote(suggestion)}?)` : ''}`,
  unknownTemplate: (name: string, known: string[]) =>
    `Unknown template ${quote(name)}; use one of ${known.map(quote).join(', ')}`,
  missingTitle: () => 'The brief has no title; add `title: …` to the front matter',
  emptyBrief: () => 'The brief has no text; write the body below the front matter',
  badDate: (value: string, key = 'date') =>
    `Date ${quote(value)} is not a date; write it as YYYY-MM-DD, e.g. ${quote(`${key}: ${key === 'date' ? '2025-04-07' : '2025-06-20'}`)}`,
  missingBibliography: (written: string, resolved: string) =>
    `Bibliography file ${quote(written)} not found (looked for ${displayPath(resolved)}); check the name or add the file`,
  unreadableBibliography: (written: string, detail: string) =>
    `Bibliography file ${quote(written)} cannot be read: ${detail}`,
  unknownBibliographyFormat: (written: string) =>
    `Bibliography file ${quote(written)} has an unknown format; use .json (CSL-JSON), .yaml (CSL-YAML), .bib (BibTeX/BibLaTeX) or .ris`,
  logoNotForWord: (name: string) => `The logo \`${name}\` is left out of the Word document: Word takes PNG, JPEG or GIF; give brief.config.yaml a logo in one of those`,
  remoteImageNotForWord: (url: string) => `Remote image \`${url}\` is left out of the Word document, which holds only the brief's own files; save a copy in the brief's folder`,
  imageNotForWord: (name: string) => `Image ${quote(name)} is left out of the Word document: Word takes PNG, JPEG or GIF; save a copy in one of those`,
  imageNotForEpub: (name: string) => `Image ${quote(name)} is left out of the EPUB: e-books take PNG, JPEG, GIF and SVG; save a copy in one of those`,
  imageIsFolder: (written: string) => `Image ${quote(written)} is a folder; name the image file inside it, e.g. ${quote(`${written}/map.png`)}`,
  unreadableImage: (written: string, detail: string) => `Image ${quote(written)} cannot be read: ${detail}`,
  unreadableCsl: (written: string, detail: string) => `CSL style ${quote(written)} cannot be read: ${detail}`,
  missingImage: (written: string, near: string[] = []) =>
    `Image ${quote(written)} not found` +
    (near.length ? ` (did you mean ${near.map(quote).join(', ')}?)` : '') +
    `; put the file in the brief's folder or correct the path (it is relative to brief.md)`,
  outsideFolder: (written: string) =>
    `${quote(written)} is outside the brief's folder; a brief may only use files inside its own folder`,
  remoteImage: (url: string) =>
    `Remote image ${quote(url)} refused: briefs are built without network access; put the file in the brief's folder, or build with --allow-remote to keep it as a link the reader's browser loads`,
  emptyImage: (written: string) => `Image ${quote(written)} is empty (0 bytes); save or export it again`,
  notAnImage: (written: string, looks?: string) =>
    `Image ${quote(written)} is not a PNG, JPEG, GIF, WebP or SVG image` + (looks ? ` (its bytes are ${looks})` : '') + '; export it again from the program that made it, as PNG or JPEG',
  misnamedImage: (written: string, actual: string, rename: string) =>
    `Image ${quote(written)} is ${actual} under another format's name, which browsers go by: it would print as a broken image; rename it ${quote(rename)}`,
  truncatedImage: (written: string, format: string) =>
    `Image ${quote(written)} is cut short: its ${format} data stops before the end (a download or copy that did not finish?); copy or export it again`,
  damagedImage: (written: string, format: string, detail: string) =>
    `Image ${quote(written)} is a damaged ${format} file: ${detail}; export it again`,
  imageTooLarge: (written: string, width: number, height: number, side: number, pixels: number) =>
    `Image ${quote(written)} is ${width.toLocaleString('en')} × ${height.toLocaleString('en')} pixels; the limit is ${side.toLocaleString('en')} pixels a side and ${pixels / 1e6} million in all (a 300 dpi A4 page is 2,480 × 3,508): scale it down`,
  imageTooManyBytes: (written: string, bytes: number, limit: number) =>
    `Image ${quote(written)} is ${(bytes / 1e6).toFixed(1)} MB; the limit is ${limit / 1e6} MB: save it smaller (a figure needs a few hundred kilobytes)`,
  svgSyntax: (written: string, detail: string, line?: number) =>
    `Image ${quote(written)} is not a well-formed SVG image` + (line ? ` (line ${line} of the file)` : '') + `: ${detail}; export it again from the program that made it`,
  unsafeSvg: (written: string, what: string, line: number) =>
    `SVG image ${quote(written)} is left out: line ${line} of it has ${what}, and an image may neither run scripts nor load files; export it again as plain SVG (or PNG) without scripts, links or outside files`,
  unknownImageType: (written: string, known: string[]) =>
    `Image ${quote(written)} is not a supported image type; use one of ${known.join(' ')}`,
  srcsetDropped: (tag: string) =>
    `\`srcset\` on <${tag}> is dropped: every output uses the single \`src\` image; give the image's file in \`src\``,
  malformedSource: (format: string, detail: string) =>
    `Malformed ${format}: ${detail}; fix the entry or export the file again`,
  emptyBibliography: (written: string) =>
    `Bibliography file ${quote(written)} is empty; its sources cannot be cited until it has entries`,
  noEntries: (format: string) =>
    `Malformed ${format}: no entries found; check that the file is a ${format} export`,
  sourceWithoutKey: (format: string) =>
    `A ${format} entry has no key (id); give every source a unique key to cite it by`,
  missingCsl: (written: string, resolved: string, near?: string) =>
    `CSL style ${quote(written)} not found (looked for ${displayPath(resolved)}${near ? `; did you mean ${quote(near)}?` : ''}); give a path to a .csl file, or the name of a style in styles/ or of a published one installed in /usr/share/citation-style-language/styles/`,
  unknownStyleName: (written: string, near?: string) =>
    `CSL style ${quote(written)} not found, neither in styles/ nor among the published styles installed in /usr/share/citation-style-language/styles/${near ? `; did you mean ${quote(near)}?` : ''}` +
    ` (give a path to a .csl file for any other)`,
  cslIsFolder: (written: string) => `CSL style ${quote(written)} is a folder; name the .csl file inside it, e.g. ${quote(`${written}/house.csl`)}`,
  badCsl: (written: string, detail: string) =>
    `CSL style ${quote(written)} is not a valid CSL file: ${detail}`,
  missingLocale: (lang: string, stylesOwn = false) =>
    `No CSL locale for ${quote(lang)}${stylesOwn ? ' (the style\'s language, as the brief gives no `lang:`)' : ''}, so citations use en-US terms and dates; ` +
    `locales come built in (en-US, de-DE, es-ES, fr-FR, nl-NL) or from Debian's citation-style-language-locales package (50 more): ` +
    (stylesOwn ? 'install it, or set `lang:`' : 'check the language tag (e.g. `en-GB`), or install the package'),
  unknownNocite: (key: string, near: string[]) =>
    `Unknown key ${quote('@' + key)} in \`nocite\`` +
    (near.length ? ` (did you mean ${near.map((k) => quote('@' + k)).join(', ')}?)` : '') +
    '; add it to the bibliography or remove it from `nocite`',
  citationEngine: (detail: string) => `The citation processor failed: ${detail}`,
  mixedCrossReference: (key: string) =>
    `Cross-reference ${quote('@' + key)} shares its brackets with citations; write it outside them, e.g. "as @${key} shows [@source]"`,
  unknownCrossReference: (key: string, near: string[]) =>
    `Cross-reference ${quote('@' + key)} points at nothing` +
    (near.length ? ` (did you mean ${near.map((k) => quote('@' + k)).join(', ')}?)` : '') +
    `; give the figure, table or heading the id, e.g. \`{#${key}}\``,
  crossKeyIsSource: (key: string, origin: string, target?: string) =>
    `${quote('@' + key)} is ` + (target ? `both a cross-reference target (${target}) and a source (${origin})` : `a cross-reference key (fig-, tbl-, sec-) but names a source (${origin})`) + '; rename the source’s key',
  missingLinkTarget: (written: string) =>
    `Link to ${quote(written)}, which is not in the brief's folder, is printed as its text; correct the link, or link the file's web address (https://…)`,
  localLink: (written: string) =>
    `Link to ${quote(written)} is printed as its text: no output carries the brief's other files, so it would lead nowhere (in the PDF, into the build machine's temporary folder); publish the file and link its web address (https://…), or name it in words`,
  missingFragment: (id: string) =>
    `Link to ${quote('#' + id)} points at nothing in the brief, so it is printed as its text; give the heading, figure or table that id (\`{#${id}}\`) or correct the link`,
  emptyLink: () => 'This link has no target, so it is printed as its text; write the address between the parentheses',
  outsideLink: (written: string) =>
    `Link to ${quote(written)} is printed as its text: it names a file on the build machine, outside the brief's folder; link the file's web address (https://…) instead`,
  linkWithoutScheme: (written: string) =>
    `Link ${quote(written)} is printed as its text: with no scheme, each output reads it differently (the PDF as a file on the machine \`${written.replace(/^[\\/]+/, '').split(/[\\/?#]/)[0]}\`); write ${quote('https:' + written.replace(/\\/g, '/'))}`,
  linkScheme: (written: string) =>
    `Link ${quote(written)} is printed as its text: every output keeps only https:, http:, mailto: and #place links; link a web address instead`,
  unusedSource: (key: string) => `Source ${quote(key)} is never cited; cite it, list it in \`nocite\`, or remove it`,
  unusedSources: (unused: number, total: number) =>
    `${unused} of the ${total} sources in this file are never cited (a shared library, so they are not listed one by one)`,
  sourceData: (key: string, reason: string) => `Source ${quote(key)}: ${reason}`,
  citeprocWarning: (detail: string) => `The citation processor warns: ${detail}`,
  citationInImage: (keys: string[]) =>
    `This image's description cites ${keys.map((k) => quote('@' + k)).join(', ')}, which is printed nowhere: only an image alone in its paragraph is a figure, with its description as caption; put the image in a paragraph of its own, or cite in the text around it`,
  citationPrintsNothing: (keys: string[]) =>
    `This citation of ${keys.map((k) => quote('@' + k)).join(', ')} prints nothing in this style once its author is left out (named in the text, or \`[-@key]\`); add a page, or cite the source in full`,
  duplicateFootnote: (label: string, first: string) =>
    `Footnote ${quote('[^' + label + ']')} is defined again here (before at ${first}); this later one is printed, as pandoc does: remove or rename one of them`,
  unclosedDiv: () => 'This box is never closed, so it runs to the end of the brief; add a `:::` line where it should end',
  unusedFootnote: (label: string) =>
    `Footnote ${quote('[^' + label + ']')} is defined but never called, so it is not printed; call it with \`[^${label}]\` in the text or remove it`,
  undefinedFootnote: (label: string, near: string[]) =>
    `Footnote ${quote('[^' + label + ']')} is called but never defined` +
    (near.length ? ` (did you mean ${near.map((l) => quote('[^' + l + ']')).join(', ')}?)` : '') +
    `; add a line \`[^${label}]: …\` or correct the call`,
  pageHole: (page: number, mm: number, what: string) =>
    `Page ${page} ends ${mm} mm short of the foot of its text: ${what} did not fit there and starts page ${page + 1}; shortening the text before it, or moving it, closes the gap`,
} as const
