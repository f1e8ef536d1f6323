/**
 * Images a brief uses: checked against its folder before any browser sees them. A missing
 * file is an error at the place it is used; a path outside the folder is refused. For the web
 * page the files are inlined as data: URLs, so the page stays one self-contained file.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { insideFolder } from '../brief/paths.ts'
import { messages } from '../errors.ts'

export interface Options {
  /** Replace local image paths by data: URLs (default: `false`). */
  inline?: boolean
}

const mediaTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
}

export const rehypeLocalImages: Plugin<[(Options | null | undefined)?], Root> = function (options) {
  const inline = options?.inline ?? false
  return async (tree, file) => {
    const folder = file.data.folder
    if (!folder) return
    const images: Element[] = []
    visit(tree, 'element', (node) => {
      if (node.tagName === 'img' && typeof node.properties.src === 'string') images.push(node)
    })
    for (const image of images) {
      const src = String(image.properties.src)
      // Remote images are the browser's business: refused there unless --allow-remote.
      if (/^[a-z][a-z\d+.-]*:/i.test(src) || src.startsWith('//')) continue
      const written = decodeURI(src.split(/[?#]/)[0]!)
      const target = path.resolve(folder, written)
      const place = image.position?.start
      if (!insideFolder(folder, target)) {
        file.message(messages.outsideFolder(written), { place, ruleId: 'outside-folder', source: 'security' })
        delete image.properties.src
        continue
      }
      let data: Buffer
      try {
        data = await readFile(target)
      } catch {
        file.message(messages.missingImage(written), { place, ruleId: 'missing-image', source: 'brief' }).fatal = true
        continue
      }
      if (inline) {
        const type = mediaTypes[path.extname(target).toLowerCase()] ?? 'application/octet-stream'
        image.properties.src = `data:${type};base64,${data.toString('base64')}`
      }
    }
  }
}
