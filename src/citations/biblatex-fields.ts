/**
 * Where each CSL type and variable goes in BibLaTeX, chosen so that pandoc 2.17's BibLaTeX
 * reader (pandoc's src/Text/Pandoc/Citeproc/BibTeX.hs, `itemToReference` and
 * `getTypeAndGenre`) reads it back as the same CSL type and variable, and our own reader
 * (citation-js, then bibtex-like-pandoc.ts) does too. Where BibLaTeX has no such place, the
 * nearest one pandoc reads is taken; what is lost that way is listed in docs/reference.md
 * (`brief bib`) and held by test/export-roundtrip.test.ts.
 *
 * Glossary: entry type = `@article`; chapter-like = an entry inside a book (`@incollection`,
 * `@inbook`, `@inproceedings`, `@inreference`), whose container is its `booktitle`;
 * book-like = an entry whose `number` pandoc reads as the number in its series.
 */

/** CSL type → [BibLaTeX entry type, entrysubtype]; a type not here (document, event, hearing, interview, map) is `@misc`. */
export const entryTypes: Readonly<Record<string, readonly [string, string?]>> = {
  'article-journal': ['article'],
  'article-magazine': ['article', 'magazine'],
  'article-newspaper': ['article', 'newspaper'],
  book: ['book'],
  chapter: ['incollection'], // `@inbook` when it has no editor: see entryTypeOf
  'entry-encyclopedia': ['inreference'],
  'paper-conference': ['inproceedings'],
  report: ['report'],
  thesis: ['thesis'],
  webpage: ['online'],
  dataset: ['dataset'],
  patent: ['patent'],
  legal_case: ['jurisdiction'],
  legislation: ['legislation'],
  treaty: ['legal'],
  manuscript: ['unpublished'],
  // pandoc reads `@unpublished` with an event (eventtitle, eventdate or venue) as a speech.
  speech: ['unpublished'],
  motion_picture: ['movie'],
  song: ['audio'],
  graphic: ['artwork'],
  pamphlet: ['booklet'],
  personal_communication: ['letter'],
  review: ['review'],
  collection: ['collection'],
  // BibLaTeX types pandoc 2.17 reads as another CSL type (our reader keeps these four).
  musical_score: ['music'],
  performance: ['performance'],
  standard: ['standard'],
  software: ['software'],
  periodical: ['periodical'],
  figure: ['image'],
  // No BibLaTeX type: the nearest one, read back as that type by both readers.
  article: ['article'],
  'entry-dictionary': ['inreference'],
  entry: ['inreference'],
  'post-weblog': ['online'],
  post: ['online'],
  bill: ['legislation'],
  regulation: ['legislation'],
  'review-book': ['review'],
  broadcast: ['video'],
  classic: ['book'],
}

/** Entry types whose container is `journaltitle` and whose `number` is the issue (pandoc's `isArticle`). */
export const articleLike = new Set(['article', 'periodical', 'suppperiodical', 'review'])

/** Entry types whose container is `booktitle`, which pandoc re-cases as a title (its `isChapterlike`). */
export const chapterLike = new Set(['inbook', 'incollection', 'inproceedings', 'inreference', 'bookinbook'])

/** Entry types whose `number` pandoc reads as `collection-number`. */
export const bookLike = new Set([
  'book', 'collection', 'proceedings', 'reference', 'mvbook', 'mvcollection', 'mvproceedings', 'mvreference',
  'bookinbook', 'inbook', 'incollection', 'inproceedings', 'inreference', 'suppbook', 'suppcollection',
])

/** Fields pandoc reads as titles: it changes their case (sentence case, for English), so words are protected. */
export const titleFields = new Set(['title', 'shorttitle', 'maintitle', 'booktitle', 'series', 'eventtitle', 'origtitle'])

/** Fields pandoc 2.17 takes as they stand, without LaTeX (its `getRawField`): written verbatim. */
export const rawFields = new Set(['url', 'doi', 'isbn', 'issn', 'pmid', 'pmcid', 'library', 'langid', 'type', 'entrysubtype', 'pubstate', 'editortype'])

/** Fields whose value is a list split at " and " (pandoc's `getLiteralList'`, citation-js's list fields). */
export const listFields = new Set(['publisher', 'institution', 'organization', 'location', 'address', 'origpublisher', 'origlocation'])

/** CSL name variables → BibLaTeX name fields (`director` is `editor` with `editortype`: see the writer). */
export const nameFields: ReadonlyArray<readonly [string, string]> = [
  ['author', 'author'],
  ['editor', 'editor'],
  ['translator', 'translator'],
  ['container-author', 'bookauthor'],
]

/** CSL date variables → BibLaTeX date fields (EDTF). */
export const dateFields: ReadonlyArray<readonly [string, string]> = [
  ['issued', 'date'],
  ['event-date', 'eventdate'],
  ['original-date', 'origdate'],
  ['accessed', 'urldate'],
]

/**
 * CSL variables with one BibLaTeX field whatever the type, in the order they are written.
 * (title, containers, numbers, publisher and places depend on the type: see the writer.)
 */
export const plainFields: ReadonlyArray<readonly [string, string]> = [
  ['container-title-short', 'shortjournal'],
  ['collection-title', 'series'],
  ['event-title', 'eventtitle'],
  ['event', 'eventtitle'],
  ['event-place', 'venue'],
  ['original-title', 'origtitle'],
  ['original-publisher', 'origpublisher'],
  ['original-publisher-place', 'origlocation'],
  ['edition', 'edition'],
  ['version', 'version'],
  ['volume', 'volume'],
  ['number-of-volumes', 'volumes'],
  ['chapter-number', 'chapter'],
  ['page', 'pages'],
  ['number-of-pages', 'pagetotal'],
  ['genre', 'type'],
  ['status', 'pubstate'],
  ['language', 'langid'],
  ['DOI', 'doi'],
  ['ISBN', 'isbn'],
  ['ISSN', 'issn'],
  ['PMID', 'pmid'],
  ['PMCID', 'pmcid'],
  ['URL', 'url'],
  ['call-number', 'library'],
  ['keyword', 'keywords'],
  ['abstract', 'abstract'],
  ['note', 'note'],
  ['annote', 'annotation'],
]
