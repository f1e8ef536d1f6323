/**
 * Reads the front matter into `file.data.meta`, makes the title block every output draws
 * (`file.data.titleBlock`), and checks what every brief needs: a title and some text. The YAML node is removed; later stages use the checked data.
 */
import type { Root } from 'mdast'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { toString } from 'mdast-util-to-string'
import { readFrontMatter, type BriefMeta } from '../brief/front-matter.ts'
import { smartText } from '../typeset/smart.ts'
import { messages } from '../messages.ts'
import { defaultConfig, templates } from '../config/schema.ts'
import { titleBlock } from '../brief/title-block.ts'
import '../types/tree.ts'
import { rule } from '../rules.ts'

/** The front matter strings printed as prose, with smart punctuation in the brief's language. */
function typesetMeta(meta: BriefMeta): BriefMeta {
  const smart = (text: string | undefined) => (text === undefined ? undefined : smartText(text, meta.lang))
  return {
    ...meta,
    title: smart(meta.title)!,
    subtitle: smart(meta.subtitle),
    abstract: smart(meta.abstract),
    disclaimer: smart(meta.disclaimer),
    authors: meta.authors.map((a) => ({ ...a, name: smart(a.name)!, role: smart(a.role), affiliation: smart(a.affiliation) })),
  }
}

/**
 * A second `---` block of `key: value` lines reads in Markdown as a rule and a heading; pandoc
 * would merge it into the front matter. Say so, rather than print the keys as a heading.
 */
function warnSecondBlock(tree: Root, file: VFile): void {
  tree.children.forEach((node, i) => {
    const next = tree.children[i + 1]
    if (node.type !== 'thematicBreak' || next?.type !== 'heading' || next.depth !== 2) return
    const text = toString(next)
    if (!text.split('\n').every((line) => /^[A-Za-z][\w-]*:(\s|$)/.test(line))) return
    file.message(`This looks like a second front matter block (${text.split('\n').map((line) => `\`${line.split(':')[0]}\``).join(', ')}); only the first \`---\` block at the top is front matter: move these keys into it`, {
      place: node.position?.start,
      ruleId: rule('second-front-matter'),
      source: 'brief',
    })
  })
}

export const remarkBriefMeta: Plugin<[], Root> = function () {
  return (tree, file) => {
    const first = tree.children[0]
    const start = { line: 1, column: 1, offset: 0 }
    let meta
    if (first?.type === 'yaml') {
      // The YAML text starts on the line after the opening `---`.
      const line = (first.position?.start.line ?? 1) + 1
      const offset = String(file).indexOf('\n', first.position?.start.offset ?? 0) + 1
      meta = readFrontMatter(first.value, { line, column: 1, offset }, file)
      tree.children.shift()
    } else {
      meta = readFrontMatter('', start, file)
    }
    if (!meta) return
    warnSecondBlock(tree, file)
    file.data.meta = typesetMeta(meta)
    file.data.titleBlock = titleBlock(file.data.meta, file.data.config ?? defaultConfig, file.data.logo)
    if (meta.template && !(templates as readonly string[]).includes(meta.template)) {
      file.message(messages.unknownTemplate(meta.template, [...templates]), { place: start, ruleId: rule('unknown-template'), source: 'brief' }).fatal = true
    }
    if (!meta.title) {
      file.message(messages.missingTitle(), { place: start, ruleId: rule('missing-title'), source: 'brief' }).fatal = true
    }
    // Raw HTML counts when it holds words (`<p>…</p>`), not when it is only comments or tags.
    const words = (html: string) => /\S/.test(html.replace(/<!--[\s\S]*?(-->|$)/g, '').replace(/<[^>]*>/g, ''))
    const hasText = tree.children.some((node) => (node.type === 'html' ? words(node.value) : node.type !== 'definition' && node.type !== 'footnoteDefinition'))
    if (!hasText) {
      const end = first?.position?.end ?? start
      file.message(messages.emptyBrief(), { place: end, ruleId: rule('empty-brief'), source: 'brief' }).fatal = true
    }
  }
}
