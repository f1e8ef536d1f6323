/**
 * Every link the author wrote, judged once in the Markdown stage by the one link rule
 * (src/brief/links.ts): Markdown links, links by reference, autolinks, and `<a href>` in raw
 * HTML. A link no output keeps gets one warning where it is written, saying why and what to
 * write instead; a Markdown link becomes its text here, in the tree every output reads. Raw
 * HTML is parsed only in the tails, where rehype-links drops the same links without a word.
 *
 * - a file beside the brief: `local-link` (`missing-link-target` when there is no such file);
 * - `#place` that no element of the brief has: `missing-link-target` (the EPUB would not
 *   validate, and the reader's click goes nowhere);
 * - an absolute path, `../` out of the folder, `file:`: `outside-folder`;
 * - `//host` and other schemes: `link-scheme`.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Definition, Root } from 'mdast'
import type { Plugin } from 'unified'
import type { Node, Point } from 'unist'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { linkKind, localPath } from '../brief/links.ts'
import { messages } from '../messages.ts'
import { rule } from '../rules.ts'
import { rawHtmlElements } from '../text/raw-html.ts'
import '../types/tree.ts'

/**
 * Ids the outputs make themselves (notes, calls, the bibliography, the EPUB's bibliography
 * section): a link to one is left to each output's guard, and an author's element that has one
 * is given another (below).
 */
const madeIds = /^(fn|fnref|ref)-|^(refs|footnote-label|bibliography)$/

/** An id the sanitiser keeps (src/pipeline/sanitize.ts): it starts with a lower-case letter and has no space. */
const keptId = /^\p{Ll}\S*$/u

export const remarkLinks: Plugin<[], Root> = function () {
  return (tree, file) => {
    const folder = file.data.folder ?? (file.dirname ? path.resolve(file.dirname) : process.cwd())
    const definitions = new Map<string, Definition>()
    const ids = new Set<string>()
    const anchors = new Map<Node, Array<{ href: string; place?: Point }>>()
    // Every id in one namespace: an author's id that the outputs make themselves, or that an
    // element before it has, would make two elements with one id (EPUBCheck refuses the book, and
    // a link goes to the first). A Markdown element's is renamed; raw HTML, parsed only in the
    // tails, is held by each output's guard (rehype-links), which keeps an id on one element.
    const written = new Set<string>()
    const own = (wanted: string, place: Point | undefined, rename: boolean): string | undefined => {
      const clash = madeIds.test(wanted) || written.has(wanted)
      if (!clash) {
        written.add(wanted)
        return wanted
      }
      let renamed: string | undefined
      if (rename) {
        renamed = `user-${wanted}`
        for (let n = 2; madeIds.test(renamed) || written.has(renamed) || ids.has(renamed); n++) renamed = `user-${wanted}-${n}`
        written.add(renamed)
      }
      file.message(messages.clashingId(wanted, madeIds.test(wanted), renamed), { place, ruleId: rule('duplicate-id'), source: 'brief' })
      return renamed
    }
    visit(tree, (node) => {
      if (node.type === 'definition') definitions.set(node.identifier, node)
      const properties = (node.data as { hProperties?: { id?: unknown } } | undefined)?.hProperties
      if (properties && typeof properties.id === 'string' && node.position) properties.id = own(properties.id, node.position.start, true)!
      if (typeof properties?.id === 'string') ids.add(properties.id)
      if (node.type !== 'html') return
      for (const { element, place } of rawHtmlElements(node.value, node.position?.start)) {
        if (typeof element.properties.id === 'string' && keptId.test(element.properties.id) && own(element.properties.id, place, false)) ids.add(element.properties.id)
        if (element.tagName === 'a' && typeof element.properties.href === 'string') anchors.set(node, [...(anchors.get(node) ?? []), { href: element.properties.href, place }])
      }
    })
    const judge = (url: string, place: Point | undefined) => keeps(url, place, { folder, ids, file })
    visit(tree, (node, index, parent) => {
      for (const anchor of anchors.get(node) ?? []) judge(anchor.href, anchor.place)
      const url = node.type === 'link' ? node.url : node.type === 'linkReference' ? definitions.get(node.identifier)?.url : undefined
      if (url === undefined || !parent || index === undefined) return
      if (judge(url, node.position?.start)) return
      // Printed as its text: the link's children take its place, and are visited next.
      parent.children.splice(index, 1, ...(node as { children: typeof parent.children }).children)
      return [SKIP, index]
    })
  }
}

interface Context {
  folder: string
  ids: Set<string>
  file: VFile
}

/** Whether every output keeps the link; if not, says why at `place`. */
function keeps(url: string, place: Point | undefined, { folder, ids, file }: Context): boolean {
  const kind = linkKind(url)
  const warn = (reason: string, ruleId: 'local-link' | 'missing-link-target' | 'outside-folder' | 'link-scheme') => {
    file.message(reason, { place, ruleId, source: ruleId === 'local-link' || ruleId === 'missing-link-target' ? 'brief' : 'security' })
    return false
  }
  if (kind === 'web') return true
  if (kind === 'fragment') {
    const id = localPath(url.trim().slice(1))
    if (!id) return warn(messages.emptyLink(), rule('missing-link-target'))
    return ids.has(id) || madeIds.test(id) ? true : warn(messages.missingFragment(id), rule('missing-link-target'))
  }
  if (kind === 'outside') return warn(messages.outsideLink(url), rule('outside-folder'))
  if (kind === 'scheme') return warn(/^\s*[\\/]{2}/.test(url) ? messages.linkWithoutScheme(url.trim()) : messages.linkScheme(url), rule('link-scheme'))
  const written = localPath(url)
  if (!written) return warn(url.trim() ? messages.localLink(url) : messages.emptyLink(), rule('local-link'))
  return existsSync(path.resolve(folder, written)) ? warn(messages.localLink(url), rule('local-link')) : warn(messages.missingLinkTarget(written), rule('missing-link-target'))
}
