/**
 * A source as CSL-JSON, the one shape citeproc-js takes: the readers (sources.ts and the
 * format-specific modules beside it) make it, the engine reads it. It lives apart so that a
 * reader and the module that calls it need not import each other for it; so do CSL 1.0.2's
 * lists of types and variables, which the readers, the writers and the checks share.
 */
export type CslItem = Record<string, unknown> & { id: string; type?: string }

/** CSL 1.0.2's item types. */
export const cslItemTypes: readonly string[] = [
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast', 'chapter', 'classic',
  'collection', 'dataset', 'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'event', 'figure', 'graphic',
  'hearing', 'interview', 'legal_case', 'legislation', 'manuscript', 'map', 'motion_picture', 'musical_score', 'pamphlet',
  'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication', 'post', 'post-weblog', 'regulation',
  'report', 'review', 'review-book', 'software', 'song', 'speech', 'standard', 'thesis', 'treaty', 'webpage',
]

/** CSL 1.0.2's name variables: lists of names. */
export const nameVariables: readonly string[] = [
  'author', 'chair', 'collection-editor', 'compiler', 'composer', 'container-author', 'contributor', 'curator', 'director',
  'editor', 'editorial-director', 'executive-producer', 'guest', 'host', 'illustrator', 'interviewer', 'narrator', 'organizer',
  'original-author', 'performer', 'producer', 'recipient', 'reviewed-author', 'script-writer', 'series-creator', 'translator',
]

/** CSL 1.0.2's date variables. */
export const dateVariables: readonly string[] = ['accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted']

/** The parts a CSL-JSON name may have, each text. */
export const nameParts: readonly string[] = ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle']
