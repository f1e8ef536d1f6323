/**
 * Pictures in the Word document: the brief's images, found by the key the docx tail leaves as
 * their `src` (their key in `file.data.resources`), and the logo.
 */
import type { Element } from 'hast'
import { ImageRun } from 'docx'
import type { VFile } from 'vfile'
import type { Resource } from '../../brief/resource.ts'
import { messages } from '../../messages.ts'
import { imageSize, sniffImageType, type PixelSize } from '../shared/image-size.ts'
import { textHeightPx, textWidthPx } from './docx-styles.ts'
import { rule } from '../../rules.ts'

/** Word takes PNG, JPEG and GIF as they are; SVG and WebP would need a raster copy. */
const wordImageTypes: Record<string, 'png' | 'jpg' | 'gif'> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' }

/** The docx tail's `embed`: a local image keeps its key, for the writer to take its bytes by. */
export function embedByKey(resource: Resource, key: string): string | undefined {
  return resource.kind === 'local' ? key : undefined
}

/**
 * A picture at its natural size times `scale(size)`; undefined when Word cannot take it. The
 * bytes decide the type, not the name: a JPEG saved as .png is still a JPEG to Word.
 */
export function picture(data: Uint8Array, alt: string, scale: (size: PixelSize) => number): ImageRun | undefined {
  const type = wordImageTypes[sniffImageType(data) ?? '']
  const size = type ? imageSize(data) : undefined
  if (!type || !size) return undefined
  const k = scale(size)
  return new ImageRun({ type, data, transformation: { width: Math.round(size.width * k), height: Math.round(size.height * k) }, altText: { name: alt || 'image', title: alt, description: alt } })
}

/** An `img` at its natural size, scaled down to the text width (or to the width the author gave as a percentage). */
export function imageRun(node: Element, file: VFile): ImageRun | undefined {
  const resource = file.data.resources?.get(String(node.properties.src ?? ''))
  if (resource?.kind !== 'local') return undefined
  const percent = /width:\s*(\d+(?:\.\d+)?)%/.exec(String(node.properties.style ?? ''))?.[1]
  const maxWidth = percent ? (textWidthPx * Number(percent)) / 100 : textWidthPx
  // No taller than most of the page, so that it and its caption fit on one.
  const run = picture(resource.data, String(node.properties.alt ?? ''), (size) => Math.min(1, maxWidth / size.width, (textHeightPx * 0.8) / size.height))
  if (!run) file.message(messages.imageNotForWord(resource.path.split(/[\\/]/).pop()!), { ruleId: rule('image-type'), source: 'docx' })
  return run
}
