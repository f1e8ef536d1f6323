/**
 * The web page: one self-contained HTML file (stylesheet, fonts and images inlined), notes as a
 * numbered list under a "Notes" heading with links both ways. Nothing in it loads from outside
 * the file, except remote images kept on purpose with --allow-remote.
 */
import type { Root } from 'mdast'
import { toHtml } from 'hast-util-to-html'
import type { VFile } from 'vfile'
import { createTail, type Tail } from '../../pipeline/processor.ts'
import type { Resource } from '../../brief/resource.ts'
import { generator } from '../../version.ts'
import { fontFaceCss } from '../shared/fonts.ts'
import { runTail } from '../shared/tail.ts'
import { outputCss } from '../shared/stylesheet.ts'
import { toolkitUrl } from '../../toolkit.ts'

export const webStylesheet = toolkitUrl('styles', 'issue-brief.css')

/** Local images become data: URLs, each once however often it is used (`shareImages`); remote ones (kept only with --allow-remote) stay links. */
function embedInline(resource: Resource): string | undefined {
  if (resource.kind === 'local') return `data:${resource.mediaType};base64,${Buffer.from(resource.data).toString('base64')}`
  return resource.kind === 'remote' ? resource.url : undefined
}

export class HtmlRenderer {
  private constructor(private readonly tail: Tail) {}

  static async create(): Promise<HtmlRenderer> {
    const css = await outputCss(fontFaceCss('inline'), webStylesheet)
    return new HtmlRenderer(createTail({ notes: 'web', embed: embedInline, shareImages: true, document: { css, generator } }))
  }

  /** The page for a brief the Markdown stage has made into `tree`. */
  async render(tree: Root, file: VFile): Promise<string> {
    return toHtml(await runTail(this.tail, tree, file))
  }
}
