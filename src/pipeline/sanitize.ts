/**
 * What raw HTML in a brief may contain. Authors may use plain markup (sup, sub, br, tables,
 * figures, spans with classes); nothing that runs, loads or restyles from outside: no script,
 * iframe, object, embed, style or link elements, no event handlers, no `style` attributes,
 * no `javascript:` URLs. Based on GitHub's rules (hast-util-sanitize's default schema).
 */
import { defaultSchema, type Options as Schema } from 'rehype-sanitize'

// GitHub's schema limits class names per element; we allow any class name (they only pick
// styles from our own stylesheet), so drop those per-element limits.
const base = Object.fromEntries(
  Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]) => [tag, list.filter((a) => !(Array.isArray(a) && a[0] === 'className'))]),
)

// Presentational attributes HTML5 made obsolete (a table pasted from a word processor has
// them): they would make the EPUB's XHTML invalid and fight our stylesheets. `align` stays
// for table cells; rehype-table-align turns it into a class.
const obsolete = new Set(['axis', 'border', 'cellPadding', 'cellSpacing', 'char', 'charOff', 'clear', 'color', 'compact', 'frame', 'hSpace', 'noShade', 'noWrap', 'rules', 'summary', 'vAlign', 'width', 'height', 'size'])
const everywhere = (base['*'] ?? []).filter((a) => typeof a !== 'string' || !obsolete.has(a))

export const briefSchema: Schema = {
  ...defaultSchema,
  // Ids stay as written so links inside a brief work, but must look like ordinary ids:
  // lower case first, so an author id can't shadow a global our paginator reads (DOM clobbering).
  clobber: ['name'],
  clobberPrefix: 'user-content-',
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'aside', 'mark', 'small', 'abbr', 'cite', 'time', 'caption', 'colgroup', 'col'],
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'link', 'meta', 'base', 'form', 'svg', 'math'],
  attributes: {
    ...base,
    // What our own note markup (pipeline/note-markup.ts) writes before the tree is sanitised;
    // an author writing the same gains nothing the Markdown could not give.
    a: [...(base.a ?? []), 'ariaDescribedBy', 'ariaLabel', 'epub:type'],
    sup: ['dataFn', 'dataLine', 'ariaHidden', 'dataNoteCall'],
    span: ['dataFn', 'ariaHidden'],
    section: [...(base.section ?? []), 'ariaLabelledBy'],
    aside: ['epub:type', 'dataNote'],
    // `longdesc` is obsolete in HTML5 (EPUBCheck refuses it) and names a page no output carries.
    img: [...(base.img ?? []).filter((a) => a !== 'longDesc'), 'width', 'height', 'dataWidth', 'dataHeight'],
    div: [...(base.div ?? []), 'dataTitle', 'ariaHidden'],
    '*': [...everywhere.filter((name) => name !== 'id'), ['id', /^\p{Ll}[^\s]*$/u], 'className', 'dataCites', 'role'],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
  },
}
