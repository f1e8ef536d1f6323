/**
 * Every rule id a message can carry (the `[rule-id]` at the end of a line), with what it means.
 * Ids are stable: editors filter on them and scripts read them from `--json`. docs/reference.md
 * lists exactly these. The code writes an id through `rule()` or a parameter typed `RuleId`,
 * so the compiler refuses any other; test/rules.test.ts checks that every message's id has
 * that type and that no listed id goes unused.
 */
export const rules = {
  // The brief and its front matter
  'empty-brief': 'the Markdown file has no text',
  'front-matter-syntax': 'the YAML between the `---` lines does not parse',
  'front-matter-key': 'a front matter key we do not read: an error when it is a near miss of one we do (its value would be lost), else a warning (none for Quarto\'s and pandoc\'s own settings); `revised:` read as `date-modified:`',
  'front-matter-type': 'a front matter value of the wrong kind, e.g. a date that is not YYYY-MM-DD',
  'missing-title': 'the front matter has no `title:`',
  'unknown-template': 'the `template:` named does not exist under templates/',
  'unreadable-brief': 'the brief file cannot be read: missing, not permitted, or not a regular file (a named pipe, a device); or a folder of briefs cannot be listed',
  encoding: 'the brief is not UTF-8 text (UTF-16, invalid bytes, a NUL character)',
  'control-character': 'the brief holds control characters no output can show (U+0001–U+001F but tab and line ends, U+007F–U+009F, U+FFFE, U+FFFF): read as Windows-1252 meant them (U+0085 "…", U+0092 "’") or as a space',
  'too-large': 'the brief is past a sane limit (size, nesting depth, notes or citations), or a file it reads (sources, style) is past its kind\'s byte limit',
  'second-front-matter': 'a second `---` block of `key: value` lines after the front matter',
  // Sources and citations
  'unknown-key': 'a citation key no source defines (near keys are suggested)',
  'duplicate-key': 'two sources share a key; both places are named',
  'no-sources': 'the brief cites but lists no `bibliography:` or `references:`',
  'missing-bibliography': 'a bibliography file that does not exist or cannot be read (not permitted, a folder, a named pipe, a device)',
  'malformed-bibliography': 'a bibliography file that does not parse, placed at the broken entry where the format allows',
  'bibliography-format': 'a bibliography file whose extension is not .json, .yaml, .bib or .ris',
  'empty-bibliography': 'a bibliography file with no entries',
  'source-without-key': 'a source with no id or key, which cannot be cited',
  'conflicting-source': '`brief bib`: one key defined differently by two briefs',
  'source-data': 'a cited source lacks what the style needs (date, container, URL) or has a date that cannot be',
  'unused-source': '`brief check`: a source no citation uses',
  'missing-csl': 'the CSL style named (or its parent) cannot be found or read (not permitted, a folder, a named pipe, a device)',
  'bad-csl': 'the CSL file is not a usable style',
  'missing-locale': 'no CSL locale for the brief\'s `lang:` (or, without one, the style\'s language); US English terms are used',
  'citeproc': 'the citation engine failed on a citation',
  'citeproc-warning': 'the citation engine warned about a source or citation',
  'citation-in-image': 'a citation in the description of an image that is not a figure: it is printed nowhere',
  'empty-locator': 'a comma after a citation\'s key with no locator after it (`[@key, ]`): the comma is left out',
  'empty-citation': 'a citation that prints nothing in the style (MLA\'s `[-@key]` without a page): add a locator or cite it with its author',
  // Notes and cross-references
  'undefined-footnote': 'a `[^label]` call without its note',
  'unused-footnote': 'a note defined but never called',
  'duplicate-footnote': 'a note label defined twice (the last is printed, as pandoc does)',
  'duplicate-id': 'an id written twice, or one the toolkit gives its own parts (`fn-1`, `fnref-1`, `refs`, `ref-…`, `bibliography`): a Markdown element\'s is renamed; of raw HTML\'s, each output keeps one',
  'unclosed-div': 'a `:::` box that is never closed',
  'unknown-cross-reference': '`@fig-x` or `@tbl-x` naming no figure or table',
  'mixed-cross-reference': 'a cross-reference inside a citation of sources',
  'cross-reference-key': 'a source whose key looks like a cross-reference (`fig-`, `tbl-`, `sec-`) or is also a label',
  'unsupported-syntax': 'pandoc Markdown we do not render (spans, raw blocks, LaTeX, an inline note never closed): it would print as written',
  // Images, links and safety
  'missing-image': 'an image file that does not exist (near names in the folder are suggested) or cannot be read (not permitted, a folder, a named pipe, a device)',
  'image-type': 'an image format the outputs cannot carry',
  'outside-folder': 'a file outside the folder it must be in: an image, link, bibliography or style naming a path out of the brief\'s folder (an absolute path, `../`, a `file:` URL), or a symbolic link leading out of it (the brief itself, a style\'s parent too): an image is refused, a link printed as its text, anything else an error',
  'remote-image': 'an image on the network: refused unless `--allow-remote`',
  'srcset': 'a raw HTML `srcset`: left out, only `src` is used',
  'blocked-request': 'the page tried to load something it may not; blocked',
  'missing-link-target': 'a link to a file that is not in the brief\'s folder, or to a `#place` nothing in the brief has: printed as its text',
  'local-link': 'a link to a file beside the brief (`annex.pdf`): no output carries the file, so the link is printed as its text',
  'link-scheme': 'a link with no scheme (`//host/x`) or one no output keeps (`javascript:`, `data:`, `ftp:`): printed as its text; only `https:`, `http:`, `mailto:` and `#place` links are kept',
  'bad-image': 'an image file that cannot be decoded (empty, cut short, not the format its name says) or past the size limit',
  'unsafe-svg': 'an SVG image with a script, `foreignObject`, an event handler, a reference outside the file or external CSS: left out',
  // Layout (PDF)
  'misplaced-note': 'a note would print on another page than its call: the PDF is refused',
  'incomplete-layout': 'the paginator lost or repeated text: the PDF is refused',
  'hyphenation-off': 'printed without hyphenation because the paginator lost text with it',
  'widow': 'a paragraph\'s last line alone at the head of a page, which could not be avoided',
  'orphan': 'a paragraph\'s first line alone at the foot of a page, which could not be avoided',
  'stretched-line': 'a widely spaced last line on a page',
  'stranded-heading': 'a heading at the foot of a page with its text on the next',
  'page-hole': 'a page that ends well short of its foot because what comes next did not fit (a figure that could not float, a box, a table row, a heading kept with its text)',
  'browser': 'the browser failed or timed out laying out the brief',
  'timeout': 'the brief took longer than `--timeout` to build',
  // The run
  'unwritable-output': 'an output file cannot be written',
  'internal': 'a fault in the toolkit; please report it with the brief',
} as const satisfies Record<string, string>

export type RuleId = keyof typeof rules

/**
 * A rule id as the code writes it, `ruleId: rule('unknown-key')`: the type pins it to the
 * catalogue, so a misspelt or unlisted id does not compile.
 */
export const rule = <Id extends RuleId>(id: Id): Id => id
