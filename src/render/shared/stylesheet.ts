/**
 * An output's CSS: its @font-face rules, then `styles/common.css` (what the web page, print
 * and EPUB share: table alignment, numbered bibliographies, figures), then its own sheet,
 * which may refine the shared rules.
 */
import { readFile } from 'node:fs/promises'
import { toolkitUrl } from '../../toolkit.ts'

export const commonStylesheet = toolkitUrl('styles', 'common.css')

export async function outputCss(fontFaces: string, own: URL): Promise<string> {
  const [common, sheet] = await Promise.all([readFile(commonStylesheet, 'utf8'), readFile(own, 'utf8')])
  return `${fontFaces}\n${common}\n${sheet}`
}
