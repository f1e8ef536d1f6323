/**
 * The web page: one self-contained HTML file (stylesheet, fonts and images inlined), notes as a numbered list
 * with links both ways.
 */
import { readFile } from 'node:fs/promises'
import { VFile } from 'vfile'
import { createBriefProcessor, type BriefProcessor } from '../pipeline/processor.ts'
import { generator } from '../version.ts'
import { fontFaceCss } from './fonts.ts'

export const webStylesheet = new URL('../../styles/issue-brief.css', import.meta.url)

export interface HtmlRendererOptions {
  csl?: string
  configDir?: string
}

export class HtmlRenderer {
  private constructor(private readonly processor: BriefProcessor) {}

  static async create(options: HtmlRendererOptions = {}): Promise<HtmlRenderer> {
    // Fonts and images go inside the file: the web page is one self-contained document.
    const css = `${fontFaceCss('inline')}\n${await readFile(webStylesheet, 'utf8')}`
    return new HtmlRenderer(createBriefProcessor({ ...options, css, generator, inlineImages: true }))
  }

  /** Renders the brief; returns undefined when it has errors (they are messages on `file`). */
  async render(file: VFile): Promise<string | undefined> {
    try {
      const result = await this.processor.process(file)
      return file.messages.some((m) => m.fatal) ? undefined : String(result)
    } catch (error) {
      if (!file.messages.includes(error as never)) {
        const msg = file.message(`Could not build the brief: ${(error as Error).message}`, { ruleId: 'internal', source: 'brief', cause: error as Error })
        msg.fatal = true
      }
      return undefined
    }
  }
}
