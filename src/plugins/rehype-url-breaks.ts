/**
 * Long URLs break where a reader can tell the line was broken, as the Chicago Manual has it:
 * after `//` and `:`, before `/ ~ . , - _ ? # %`, before and after `=` and `&`; never at a
 * hyphen of their own, which would read as part of the address (or as hyphenation). Break
 * points are `<wbr>` (nothing in the text or the link); a stretch holding a hyphen is kept
 * on one line. Applies to any link whose text is its address, in notes and text alike.
 */
import type { Element, ElementContent, Root } from 'hast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

/** A stretch longer than this may still break anywhere, so it never runs into the margin. */
const longest = 24

/** The URL cut at its break points. */
export function urlParts(url: string): string[] {
  return url
    .split(/(?<=\/\/|:(?!\/)|[=&])|(?=[~.,\-_?#%=&])|(?=\/)(?<![:/])/)
    .filter(Boolean)
}

export const rehypeUrlBreaks: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a' || node.children.length !== 1 || node.children[0]!.type !== 'text') return
      const text = node.children[0]!.value
      if (!/^(https?:\/\/|www\.)\S+$/i.test(text) || text.length <= longest) return
      const children: ElementContent[] = []
      urlParts(text).forEach((part, i) => {
        if (i > 0) children.push({ type: 'element', tagName: 'wbr', properties: {}, children: [] })
        children.push(part.includes('-') && part.length <= longest ? { type: 'element', tagName: 'span', properties: { className: ['url-part'] }, children: [{ type: 'text', value: part }] } : { type: 'text', value: part })
      })
      node.children = children
    })
  }
}
