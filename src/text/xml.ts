/**
 * The one XML writer's escaping, used by every XML the outputs write by hand (the EPUB's
 * package and navigation documents, the DOCX's core properties and styles) and as the last
 * step of every XML a library serialises (the EPUB's pages through xast, the DOCX's parts
 * through `docx`).
 *
 * XML 1.0 cannot carry some characters at all, not even as character references: the C0
 * controls other than tab, line feed and carriage return, U+FFFE, U+FFFF and a surrogate
 * without its pair. A brief may hold them (pasted text, a source's data, front matter's
 * `"\uFFFF"`); they are left out, so EPUBCheck and Word read the file. And `]]>` may not stand
 * in text as it is (it ends a CDATA section), so its `>` is always written `&gt;`.
 */

/** Every character XML 1.0 forbids (its `Char` production), a lone surrogate included. */
export const xmlForbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** The first character XML cannot carry, and where it is, if there is one. */
export function firstForbidden(text: string): { index: number; code: number } | undefined {
  xmlForbidden.lastIndex = 0
  const match = xmlForbidden.exec(text)
  xmlForbidden.lastIndex = 0
  return match ? { index: match.index, code: match[0].charCodeAt(0) } : undefined
}

/** `text` without the characters XML cannot carry: for strings a library escapes itself. */
export function xmlChars(text: string): string {
  return text.replace(xmlForbidden, '')
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Text for XML content (quotes escaped too, so it may also stand in an attribute). */
export function xmlText(text: string): string {
  return xmlChars(text).replace(/[&<>"]/g, (c) => entities[c]!)
}

/**
 * A value for a double-quoted attribute. Tabs and line breaks are written as references, which
 * a parser keeps (it turns the characters themselves into spaces).
 */
export function xmlAttribute(value: string): string {
  return xmlChars(value).replace(/[&<>"\t\n\r]/g, (c) => entities[c] ?? `&#${c.charCodeAt(0)};`)
}

/**
 * A serialised document made safe to parse, whatever wrote it: the forbidden characters left
 * out and every `]]>` written `]]&gt;`. Both are safe on markup: neither can be part of a
 * name, and `>` after `]]` can only stand in text, an attribute value or a comment, where
 * `&gt;` reads the same (in a comment, as its letters; our writers put no text there).
 */
export function wellFormed(serialised: string): string {
  if (serialised.includes('<![CDATA[')) throw new Error('Unexpected CDATA section, expected none: its `]]>` cannot be told from text')
  return xmlChars(serialised).replaceAll(']]>', ']]&gt;')
}
