/**
 * The Word document's named styles (word/styles.xml), set to the house fonts and sizes of the
 * print edition (styles/print.css): an editor who changes a heading or a note changes its
 * style, and the document stays consistent. Every paragraph and table the DOCX renderer writes
 * uses one of these; it sets no fonts or sizes of its own.
 */

import { calloutTypes, type CalloutType } from '../../plugins/remark-callouts.ts'
import { xmlAttribute } from '../../text/xml.ts'

export const serif = 'Source Serif 4'
export const sans = 'Source Sans 3'
const accent = '0B4F2E'

/** Style ids as the renderer uses them; the names are Word's built-in ones where one exists. */
export const styleIds = {
  normal: 'Normal',
  title: 'Title',
  subtitle: 'Subtitle',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  blockText: 'BlockText',
  listBullet: 'ListBullet',
  listNumber: 'ListNumber',
  listContinue: 'ListContinue',
  caption: 'Caption',
  footnoteText: 'FootnoteText',
  footnoteReference: 'FootnoteReference',
  tableGrid: 'TableGrid',
  bibliography: 'Bibliography',
  box: 'Box',
  boxTable: 'BoxTable',
  boxTitle: 'BoxTitle',
  definitionTerm: 'DefinitionTerm',
  definition: 'Definition',
  series: 'Series',
  institute: 'Institute',
  contact: 'Contact',
  author: 'Author',
  authorDetail: 'AuthorDetail',
  date: 'Date',
  disclaimer: 'Disclaimer',
  abstract: 'Abstract',
  figure: 'Figure',
  footer: 'Footer',
  hyperlink: 'Hyperlink',
  code: 'Code',
} as const

/** Half-points, as Word measures type. */
const pt = (points: number) => Math.round(points * 2)
/** Twentieths of a point, as Word measures space. */
const twips = (points: number) => Math.round(points * 20)
const mm = (millimetres: number) => twips((millimetres / 25.4) * 72)

interface StyleSpec {
  id: string
  name: string
  type?: 'paragraph' | 'character' | 'table'
  basedOn?: string
  next?: string
  /** Shown first in Word's style gallery. */
  quick?: boolean
  font?: string
  size?: number
  bold?: boolean
  italic?: boolean
  caps?: boolean
  color?: string
  align?: 'left' | 'center' | 'right' | 'both'
  before?: number
  after?: number
  /** Line height as a multiple of the font size. */
  line?: number
  indentLeft?: number
  indentRight?: number
  hanging?: number
  keepNext?: boolean
  outline?: number
  spacing?: number
  borderBottom?: boolean
  extraPPr?: string
  extraRPr?: string
  tblPr?: string
  extraTcPr?: string
  /** A table style's formatting of some of its parts (`w:tblStylePr`), e.g. its first row. */
  parts?: string
}

function style(s: StyleSpec): string {
  const type = s.type ?? 'paragraph'
  const pPr = [
    s.keepNext ? '<w:keepNext/>' : '',
    s.borderBottom ? `<w:pBdr><w:bottom w:val="single" w:sz="10" w:space="3" w:color="${accent}"/></w:pBdr>` : '',
    s.before !== undefined || s.after !== undefined || s.line !== undefined
      ? `<w:spacing${s.before !== undefined ? ` w:before="${twips(s.before)}"` : ''}${s.after !== undefined ? ` w:after="${twips(s.after)}"` : ''}${s.line !== undefined ? ` w:line="${Math.round(s.line * 240)}" w:lineRule="auto"` : ''}/>`
      : '',
    s.indentLeft !== undefined || s.hanging !== undefined || s.indentRight !== undefined
      ? `<w:ind${s.indentLeft !== undefined ? ` w:left="${twips(s.indentLeft)}"` : ''}${s.indentRight !== undefined ? ` w:right="${twips(s.indentRight)}"` : ''}${s.hanging !== undefined ? ` w:hanging="${twips(s.hanging)}"` : ''}/>`
      : '',
    s.align ? `<w:jc w:val="${s.align}"/>` : '',
    s.outline !== undefined ? `<w:outlineLvl w:val="${s.outline}"/>` : '',
    s.extraPPr ?? '',
  ].join('')
  const rPr = [
    s.font ? `<w:rFonts w:ascii="${s.font}" w:hAnsi="${s.font}" w:cs="${s.font}"/>` : '',
    s.bold ? '<w:b/><w:bCs/>' : '',
    s.italic ? '<w:i/><w:iCs/>' : '',
    s.caps ? '<w:caps/>' : '',
    s.color ? `<w:color w:val="${s.color}"/>` : '',
    s.spacing ? `<w:spacing w:val="${s.spacing}"/>` : '',
    s.size ? `<w:sz w:val="${pt(s.size)}"/><w:szCs w:val="${pt(s.size)}"/>` : '',
    s.extraRPr ?? '',
  ].join('')
  return (
    `<w:style w:type="${type}" w:styleId="${s.id}"${s.id === 'Normal' || s.id === 'DefaultParagraphFont' || s.id === 'TableNormal' ? ' w:default="1"' : ''}>` +
    `<w:name w:val="${s.name}"/>` +
    (s.basedOn ? `<w:basedOn w:val="${s.basedOn}"/>` : '') +
    (s.next ? `<w:next w:val="${s.next}"/>` : '') +
    (s.quick ? '<w:qFormat/>' : '') +
    (pPr && type !== 'character' ? `<w:pPr>${pPr}</w:pPr>` : '') +
    (rPr ? `<w:rPr>${rPr}</w:rPr>` : '') +
    (type === 'table' && s.tblPr ? `<w:tblPr>${s.tblPr}</w:tblPr>` : '') +
    (type === 'table' && s.extraTcPr ? `<w:tcPr>${s.extraTcPr}</w:tcPr>` : '') +
    (type === 'table' && s.parts ? s.parts : '') +
    '</w:style>'
  )
}

const ids = styleIds

/**
 * Quarto's callout types, each in its colour (the rule on the left and the title) on its band,
 * as styles/common.css has them for the other outputs.
 */
const calloutColours: Record<CalloutType, { colour: string; band: string }> = {
  note: { colour: '1F4E79', band: 'E9EDF2' },
  tip: { colour: '276738', band: 'E9F0EB' },
  warning: { colour: '8A5300', band: 'F3EEE6' },
  important: { colour: '9B1C1C', band: 'F5E8E8' },
  caution: { colour: 'A84300', band: 'F6ECE6' },
}

/** The table style of a callout of `type` ("Callout Warning") and its title's paragraph style ("Callout Warning Title"). */
export function calloutStyleIds(type: CalloutType): { table: string; title: string } {
  const name = calloutTypes[type]
  return { table: `Callout${name}`, title: `Callout${name}Title` }
}

const specs: StyleSpec[] = [
  { id: ids.normal, name: 'Normal', quick: true, align: 'both', after: 6, line: 1.25 },
  { id: 'DefaultParagraphFont', name: 'Default Paragraph Font', type: 'character' },
  { id: 'TableNormal', name: 'Normal Table', type: 'table', tblPr: '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>' },
  // Masthead and title block, as on the print edition's first page.
  { id: ids.series, name: 'Series', basedOn: ids.normal, next: ids.institute, font: sans, size: 20, bold: true, caps: true, spacing: 60, color: accent, align: 'center', after: 0 },
  { id: ids.institute, name: 'Institute', basedOn: ids.normal, next: ids.contact, font: sans, size: 11.5, bold: true, caps: true, align: 'center', after: 0, borderBottom: true },
  { id: ids.contact, name: 'Contact', basedOn: ids.normal, font: sans, size: 8.5, align: 'center', before: 3, after: 12 },
  { id: ids.title, name: 'Title', quick: true, basedOn: ids.normal, next: ids.subtitle, font: serif, size: 16, bold: true, caps: true, align: 'center', before: 18, after: 4, line: 1.15, keepNext: true },
  { id: ids.subtitle, name: 'Subtitle', quick: true, basedOn: ids.normal, next: ids.author, font: serif, size: 12, italic: true, align: 'center', after: 8, keepNext: true },
  { id: ids.author, name: 'Author', basedOn: ids.normal, font: serif, size: 10.5, bold: true, align: 'center', before: 6, after: 0, keepNext: true },
  { id: ids.authorDetail, name: 'Author Detail', basedOn: ids.normal, font: serif, size: 9.5, align: 'center', after: 0, keepNext: true },
  { id: ids.date, name: 'Date', basedOn: ids.normal, font: serif, size: 10.5, bold: true, align: 'center', before: 10, after: 0 },
  { id: ids.disclaimer, name: 'Disclaimer', basedOn: ids.normal, font: serif, size: 9.5, italic: true, align: 'center', before: 8, after: 18 },
  { id: ids.abstract, name: 'Abstract', basedOn: ids.normal, italic: true, indentLeft: 22, indentRight: 22 },
  // The body.
  { id: ids.heading1, name: 'heading 1', quick: true, basedOn: ids.normal, next: ids.normal, font: sans, size: 14, bold: true, color: accent, align: 'left', before: 17, after: 6, keepNext: true, outline: 0 },
  { id: ids.heading2, name: 'heading 2', quick: true, basedOn: ids.normal, next: ids.normal, font: sans, size: 12.5, bold: true, color: accent, align: 'left', before: 17, after: 6, keepNext: true, outline: 1 },
  { id: ids.heading3, name: 'heading 3', quick: true, basedOn: ids.normal, next: ids.normal, font: sans, size: 11, bold: true, color: accent, align: 'left', before: 11, after: 4, keepNext: true, outline: 2 },
  { id: ids.blockText, name: 'Block Text', basedOn: ids.normal, size: 10.5, indentLeft: 22.7, indentRight: 22.7 },
  { id: ids.listBullet, name: 'List Bullet', basedOn: ids.normal, align: 'left', after: 3 },
  { id: ids.listNumber, name: 'List Number', basedOn: ids.normal, align: 'left', after: 3 },
  { id: ids.listContinue, name: 'List Continue', basedOn: ids.normal, align: 'left', after: 3, indentLeft: 18 },
  { id: ids.caption, name: 'caption', quick: true, basedOn: ids.normal, next: ids.normal, size: 9, align: 'center', before: 4, after: 10 },
  { id: ids.figure, name: 'Figure', basedOn: ids.normal, align: 'center', before: 8, after: 0, keepNext: true },
  { id: ids.box, name: 'Box', basedOn: ids.normal, next: ids.box, after: 4 },
  { id: ids.boxTitle, name: 'Box Title', basedOn: ids.box, next: ids.box, font: sans, bold: true, align: 'left', keepNext: true },
  { id: ids.definitionTerm, name: 'Definition Term', basedOn: ids.normal, next: ids.definition, bold: true, align: 'left', after: 0, keepNext: true },
  { id: ids.definition, name: 'Definition', basedOn: ids.normal, next: ids.definitionTerm, indentLeft: 22.7 },
  { id: ids.bibliography, name: 'Bibliography', basedOn: ids.normal, size: 9.5, align: 'left', indentLeft: 22.7, hanging: 22.7, after: 4 },
  { id: ids.footnoteText, name: 'footnote text', basedOn: ids.normal, size: 8.5, align: 'left', after: 2, line: 1.15 },
  { id: ids.footnoteReference, name: 'footnote reference', type: 'character', extraRPr: '<w:vertAlign w:val="superscript"/>' },
  { id: ids.hyperlink, name: 'Hyperlink', type: 'character', extraRPr: `<w:color w:val="${accent}"/><w:u w:val="single"/>` },
  { id: ids.code, name: 'HTML Code', type: 'character', font: 'Consolas', size: 9.5 },
  { id: ids.footer, name: 'footer', basedOn: ids.normal, font: serif, size: 9, align: 'right', after: 0 },
  {
    // A box (key points, a call-out): one cell, ruled and shaded, holding the box's paragraphs.
    id: ids.boxTable,
    name: 'Box Table',
    type: 'table',
    basedOn: 'TableNormal',
    tblPr: `<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="${accent}"/><w:left w:val="single" w:sz="8" w:space="0" w:color="${accent}"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="${accent}"/><w:right w:val="single" w:sz="8" w:space="0" w:color="${accent}"/></w:tblBorders><w:tblCellMar><w:top w:w="100" w:type="dxa"/><w:left w:w="160" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="160" w:type="dxa"/></w:tblCellMar>`,
    extraTcPr: '<w:shd w:val="clear" w:color="auto" w:fill="EEF4F0"/>',
  },
  ...Object.entries(calloutColours).flatMap(([type, { colour, band }]): StyleSpec[] => {
    const own = calloutStyleIds(type as CalloutType)
    const name = calloutTypes[type as CalloutType]
    const edge = (side: string, size: number) => `<w:${side} w:val="single" w:sz="${size}" w:space="0" w:color="${colour}"/>`
    return [
      // Its title on a band across the top: the table's first row, shaded by the style.
      { id: own.title, name: `Callout ${name} Title`, basedOn: ids.boxTitle, next: ids.box, color: colour, size: 10, after: 2 },
      {
        id: own.table,
        name: `Callout ${name}`,
        type: 'table',
        basedOn: 'TableNormal',
        tblPr: `<w:tblBorders>${edge('top', 4)}${edge('left', 24)}${edge('bottom', 4)}${edge('right', 4)}<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblCellMar><w:top w:w="80" w:type="dxa"/><w:left w:w="160" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="160" w:type="dxa"/></w:tblCellMar>`,
        parts: `<w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${band}"/></w:tcPr></w:tblStylePr>`,
      },
    ]
  }),
  {
    id: ids.tableGrid,
    name: 'Table Grid',
    type: 'table',
    basedOn: 'TableNormal',
    tblPr: '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>',
  },
]

/** Languages written right to left, which Word tags as complex script (`w:bidi`). */
const rightToLeft = (lang: string) => /^(ar|ur|fa|ps|sd|ug|he|yi|dv|ckb)\b/i.test(lang)

/** word/styles.xml for a brief in `lang` (a BCP 47 tag, which Word's spelling checker reads). */
export function stylesXml(lang: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
    `<w:rFonts w:ascii="${serif}" w:hAnsi="${serif}" w:eastAsia="${serif}" w:cs="${serif}"/>` +
    `<w:sz w:val="${pt(11)}"/><w:szCs w:val="${pt(11)}"/><w:lang w:val="${xmlAttribute(lang)}"${rightToLeft(lang) ? ` w:bidi="${xmlAttribute(lang)}"` : ''}/>` +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/></w:pPr></w:pPrDefault></w:docDefaults>' +
    specs.map(style).join('') +
    '</w:styles>'
  )
}

/** Page size and margins of the print edition (A4, 22 mm sides), in twentieths of a point. */
export const page = { width: 11906, height: 16838, margin: { top: mm(22), right: mm(22), bottom: mm(24), left: mm(22), footer: mm(10) } }
/** The text block's size in pixels at 96 dpi (docx's image sizes). */
export const textWidthPx = Math.round(((page.width - page.margin.left - page.margin.right) / 1440) * 96)
export const textHeightPx = Math.round(((page.height - page.margin.top - page.margin.bottom) / 1440) * 96)
