/**
 * What each RIS tag holds, type by type, as data the reader (ris.ts) and the writer
 * (ris-write.ts) share, so a record written here reads back the same.
 *
 * The meanings are those of Zotero's RIS translator (zotero/translators, `RIS.js`, its tag map
 * per Zotero item type), carried into CSL through Zotero's own CSL mapping (zotero-schema,
 * `schema.json`, `csl`): a record Zotero exports reads into the variables Zotero's CSL-JSON
 * export of the same item holds. Where EndNote writes a tag with another meaning, the meaning
 * is listed as read-only (`also`), used only when the tags Zotero writes left the variable
 * empty.
 *
 * Glossary: RIS type = the `TY` value; CSL type = the item's `type`; tag map = tag → CSL
 * variable, where `''` says the tag holds nothing we keep in that type (it then neither reads
 * with its shared meaning nor is written).
 */
export type TagMap = Readonly<Record<string, string>>

export interface CslTypeMap {
  /** The `TY` written for this CSL type (Zotero's). */
  ty: string
  /** Tags read and written, over `sharedTags`. */
  tags?: TagMap
  /** Tags only read (EndNote's, older exporters'), over `sharedAlso`. */
  also?: TagMap
}

export interface RisTypeMap {
  type: string
  /** Tags that mean something else in this RIS type only (read only). */
  tags?: TagMap
  /**
   * EndNote writes the date accessed in `DA` for this RIS type, where Zotero writes the date
   * itself: `DA` counts as the date only when its year is `PY`'s.
   */
  accessedInDa?: true
}

/** Every type's tags, in the order the writer writes them. */
export const sharedTags: TagMap = {
  TI: 'title',
  ST: 'title-short',
  AU: 'author',
  A1: 'author',
  A2: 'editor',
  A3: 'collection-editor',
  A4: 'translator',
  T2: 'container-title',
  J2: 'container-title-short',
  T3: 'collection-title',
  PY: 'issued',
  DA: 'issued',
  Y2: 'accessed',
  VL: 'volume',
  IS: 'issue',
  SP: 'page',
  NV: 'number-of-volumes',
  ET: 'edition',
  PB: 'publisher',
  CY: 'publisher-place',
  M3: 'genre',
  UR: 'URL',
  DO: 'DOI',
  SN: 'ISBN',
  AB: 'abstract',
  KW: 'keyword',
  N1: 'note',
  LA: 'language',
  DB: 'archive',
  AN: 'archive_location',
  CN: 'call-number',
  DP: 'source',
}

/** Tags of older RIS and of other exporters, read in every type. */
export const sharedAlso: TagMap = {
  T1: 'title',
  CT: 'title',
  ED: 'editor',
  JF: 'container-title',
  JO: 'container-title',
  BT: 'container-title',
  JA: 'container-title-short',
  Y1: 'issued',
  N2: 'abstract',
  AV: 'archive_location',
  // EndNote's series volume (a chapter's, where Zotero writes it too).
  SV: 'collection-number',
}

/**
 * Per CSL type: Zotero's meanings where they differ from `sharedTags`, and EndNote's. A tag
 * `tags` gives a meaning is read with that meaning only, so a read-only meaning of a shared
 * tag needs the tag emptied in `tags` (a report's IS, read as its number).
 */
export const cslTypes: Readonly<Record<string, CslTypeMap>> = {
  // EndNote writes a journal article's issue in M1 (Zotero reads it so) and its PMCID in C2.
  'article-journal': { ty: 'JOUR', tags: { SN: 'ISSN', SE: 'section', C2: 'PMCID' }, also: { M1: 'issue' } },
  // EndNote writes a magazine's or newspaper's frequency in NV, a newspaper's issue in C2.
  'article-magazine': { ty: 'MGZN', tags: { SN: 'ISSN', NV: '' }, also: { M1: 'issue' } },
  'article-newspaper': { ty: 'NEWS', tags: { SN: 'ISSN', SE: 'section', NV: '' }, also: { C2: 'issue' } },
  // A book's T2 is its series, A2 the series editor, A3 the editor, SP its number of pages.
  book: { ty: 'BOOK', tags: { T2: 'collection-title', A2: 'collection-editor', A3: 'editor', M1: 'collection-number', SP: 'number-of-pages' }, also: { BT: 'title' } },
  chapter: { ty: 'CHAP', tags: { C2: 'container-author', SV: 'collection-number', SE: 'chapter-number', IS: 'number-of-volumes', NV: '' }, also: { M1: 'number-of-volumes' } },
  // A report's T2 is its series; SN its number; PB the institution. NV is EndNote's series volume.
  report: { ty: 'RPRT', tags: { T2: 'collection-title', A2: 'collection-editor', SN: 'number', NV: 'collection-number', IS: '' }, also: { IS: 'number', M1: 'number' } },
  // A thesis's A3 is its advisor, PB the university, M3 its kind; EndNote writes the department
  // in T2 and the degree in VL, which Zotero leaves empty.
  thesis: { ty: 'THES', tags: { A3: 'contributor', SP: 'number-of-pages', T2: '', VL: '' } },
  // T2 is the conference, C3 the proceedings; C1 the place of publication, CY (EndNote) the
  // conference's.
  'paper-conference': { ty: 'CONF', tags: { T2: 'event-title', C3: 'container-title', A4: 'contributor', C1: 'publisher-place', CY: 'event-place' }, also: { JO: 'event-title' } },
  // EndNote writes a web page's access date in M1 (month and day) and VL (year).
  webpage: { ty: 'ELEC', tags: { VL: '' }, also: { M1: 'accessed', VL: 'accessed' } },
  'post-weblog': { ty: 'BLOG' },
  // A statute's T2 is its code, VL the code's number, M1 the public law number, ET the session;
  // EndNote writes the statute number in NV and an international source in T3.
  legislation: { ty: 'STAT', tags: { M1: 'number', SE: 'section', ET: 'chapter-number', OP: 'references', NV: '', T3: '', IS: '' }, also: { IS: 'number' } },
  // A bill's sponsors are A2 (the authors in CSL), cosponsors A3; T2 its code, T3 the
  // legislative body, M1 its number, ET the session.
  bill: { ty: 'BILL', tags: { AU: '', A1: '', A2: 'author', A3: 'contributor', T3: 'authority', M1: 'number', SE: 'section', ET: 'chapter-number', OP: 'references', IS: '' }, also: { AU: 'author', A1: 'author', IS: 'number' } },
  // A case's A2 is the reporter, PB the court, VL the reporter's volume, SP the first page, SV
  // the docket number; NV is EndNote's reporter abbreviation, J2 its parallel citation (not an
  // abbreviation, so not read), A4 the counsel (no CSL variable).
  legal_case: { ty: 'CASE', tags: { A2: 'container-title', PB: 'authority', SV: 'number', OP: 'references', NV: 'container-title-short', J2: '', A4: '' } },
  // A hearing's T2 is the committee, T3 the legislative body, M1 the document number.
  hearing: { ty: 'HEAR', tags: { T2: 'section', T3: 'authority', M1: 'number', ET: 'chapter-number', OP: 'references' } },
  patent: { ty: 'PAT', tags: { A2: 'authority', SN: 'number', M1: 'call-number', C1: 'submitted', C5: 'references', C6: 'status', OP: 'issue', IS: '' }, also: { IS: 'number' } },
  map: { ty: 'MAP', tags: { T2: 'collection-title', C1: 'scale' } },
  dataset: { ty: 'DATA', tags: { ET: 'version', NV: 'number', A4: 'contributor', IS: '' }, also: { IS: 'version' } },
  software: { ty: 'COMP', tags: { T2: 'collection-title', ET: 'version', M1: 'medium' } },
  personal_communication: { ty: 'PCOMM', tags: { A2: 'recipient' } },
  manuscript: { ty: 'MANSCPT', tags: { SP: 'number-of-pages' } },
  // A film's AU is its director, the CSL author (Zotero's first kind of creator becomes the
  // author); a recording's AU its composer, A2 its performer (the author); a presentation's
  // A2 its presenter (the author).
  motion_picture: { ty: 'MPCT', tags: { A3: 'producer', A4: 'contributor', C4: 'genre', C5: 'medium', SP: 'dimensions' } },
  song: { ty: 'SOUND', tags: { AU: 'composer', A2: 'author', C5: 'medium' } },
  speech: { ty: 'SLIDE', tags: { AU: '', A1: '', A2: 'author', T2: 'event-title' }, also: { AU: 'author', A1: 'author' } },
  graphic: { ty: 'ART', tags: { C3: 'dimensions' } },
  'entry-encyclopedia': { ty: 'ENCYC' },
  'entry-dictionary': { ty: 'DICT' },
  pamphlet: { ty: 'PAMP' },
  standard: { ty: 'STAND', tags: { SN: 'number', IS: '' }, also: { IS: 'number', M1: 'number' } },
  document: { ty: 'GEN' },
}

const accessedInDa = { accessedInDa: true } as const

/** Per RIS type read: its CSL type, and what is particular to that RIS type. */
export const risTypes: Readonly<Record<string, RisTypeMap>> = {
  ...Object.fromEntries(Object.entries(cslTypes).map(([type, { ty }]) => [ty, { type }])),
  JFULL: { type: 'article-journal' },
  EJOUR: { type: 'article-journal', ...accessedInDa },
  ABST: { type: 'article-journal' },
  INPR: { type: 'article-journal' },
  EBOOK: { type: 'book', ...accessedInDa },
  // EndNote's edited book lists its editors as authors.
  EDBOOK: { type: 'book', tags: { AU: 'editor' } },
  ECHAP: { type: 'chapter' },
  GOVDOC: { type: 'report', tags: { SN: 'ISBN' } },
  CPAPER: { type: 'paper-conference' },
  WEB: { type: 'webpage' },
  CASE: { type: 'legal_case', ...accessedInDa },
  DBASE: { type: 'dataset', ...accessedInDa },
  ICOMM: { type: 'personal_communication' },
  UNPB: { type: 'manuscript' },
  UNPD: { type: 'manuscript' },
  VIDEO: { type: 'motion_picture' },
  ADVS: { type: 'motion_picture' },
  MULTI: { type: 'motion_picture', ...accessedInDa },
  MUSIC: { type: 'song' },
  FIGURE: { type: 'graphic' },
  CHART: { type: 'graphic' },
}

/** The tag map of one CSL type, written and read, and the read-only one. */
export function tagMaps(type: string, risType?: RisTypeMap): { main: TagMap; also: TagMap } {
  const own = cslTypes[type]
  return { main: { ...sharedTags, ...own?.tags, ...risType?.tags }, also: { ...sharedAlso, ...own?.also } }
}
