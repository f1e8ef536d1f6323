/**
 * XHTML for the EPUB: a hast document serialised as XML (EPUB content documents must be
 * well-formed XML), through xast so namespaces, empty elements and escaping follow XML rules.
 */
import type { Element, ElementContent } from 'hast'
import { toXast } from 'hast-util-to-xast'
import type { Root as XastRoot } from 'xast'
import { toXml } from 'xast-util-to-xml'
import { wellFormed } from '../../text/xml.ts'

export const epubNamespace = 'http://www.idpf.org/2007/ops'

export interface XhtmlPage {
  title: string
  lang: string
  /** Stylesheet path relative to the document. */
  stylesheet?: string
  body: ElementContent[]
  /** Attributes of `<body>`, e.g. an `epub:type`. */
  bodyProperties?: Element['properties']
}

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({ type: 'element', tagName, properties, children })

export function toXhtml(page: XhtmlPage): string {
  const head = el('head', {}, [
    el('meta', { charSet: 'utf-8' }),
    el('title', {}, [{ type: 'text', value: page.title }]),
    ...(page.stylesheet ? [el('link', { rel: ['stylesheet'], type: 'text/css', href: page.stylesheet })] : []),
  ])
  const html = el('html', { lang: page.lang, xmlLang: page.lang, 'xmlns:epub': epubNamespace }, [head, el('body', page.bodyProperties ?? {}, page.body)])
  const converted = toXast(html)
  const root: XastRoot = {
    type: 'root',
    children: [
      { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' },
      { type: 'text', value: '\n' },
      { type: 'doctype', name: 'html' },
      { type: 'text', value: '\n' },
      ...(converted.type === 'root' ? converted.children : [converted]),
    ] as XastRoot['children'],
  }
  // xast escapes `&`, `<` and quotes but writes `]]>` and the characters XML forbids as they are.
  return wellFormed(toXml(root, { closeEmptyElements: true })) + '\n'
}
