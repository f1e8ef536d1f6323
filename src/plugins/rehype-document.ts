/**
 * Wraps the body in the brief's template (masthead, head metadata, inlined stylesheet).
 */
import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { issueBriefTemplate } from '../../templates/issue-brief.ts'
import { logoDataUrl } from '../config/logo.ts'
import { defaultConfig } from '../config/schema.ts'

export interface Options {
  /** Stylesheet text to inline (default: none). */
  css?: string
  /** Extra elements for `<head>` (default: none). */
  head?: Element[]
  /** Value of `<meta name="generator">` (default: `issi-briefs`). */
  generator?: string
}

export const rehypeDocument: Plugin<[(Options | null | undefined)?], Root> = function (options) {
  const settings = { css: '', head: [] as Element[], generator: 'issi-briefs', ...options }
  return (tree, file) => {
    const { meta, titleBlock } = file.data
    if (!meta || !titleBlock) return
    return issueBriefTemplate({
      meta,
      config: file.data.config ?? defaultConfig,
      block: titleBlock,
      body: tree.children,
      css: settings.css,
      head: settings.head,
      generator: settings.generator,
      logoSrc: titleBlock.logo ? logoDataUrl(titleBlock.logo) : undefined,
    })
  }
}
