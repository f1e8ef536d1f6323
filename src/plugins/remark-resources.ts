/**
 * Every image a brief uses, checked once in the Markdown stage, before any output or browser
 * sees it: Markdown images (inline and by reference) and `<img src>` / `srcset` / `<source>`
 * in raw HTML. The verdicts go to `file.data.resources`, keyed by the URL as the HTML tree
 * will hold it; each
 * output then embeds, links or drops the image from there (rehype-resources), so every output
 * is sealed the same way and each problem is reported once, where it is written.
 *
 * - a file inside the brief's folder: read, and read through (src/brief/image-check.ts): kept
 *   with the media type its bytes have; empty, cut short, damaged, misnamed or past the size
 *   limits: an error (`bad-image`); an SVG that runs or loads something: refused with a
 *   warning (`unsafe-svg`);
 * - missing: an error; outside the folder, `file:` or another scheme: refused with a warning;
 * - `http(s):` and protocol-relative `//host`: refused with a warning, or kept as a remote link
 *   with `allowRemote`;
 * - `srcset`: always dropped with a warning (each output uses the one `src`).
 */
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Definition, Root } from 'mdast'
import { normalizeUri } from 'micromark-util-sanitize-uri'
import type { Plugin } from 'unified'
import type { Point } from 'unist'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { checkImage, type ImageProblem, type ImageType } from '../brief/image-check.ts'
import { limits } from '../brief/limits.ts'
import type { Resource } from '../brief/resource.ts'
import { messages, readFailure } from '../messages.ts'
import { insideAsWritten, readInput, refusalOf } from '../reads.ts'
import { nearest } from '../text/nearest.ts'
import { rawHtmlElements } from '../text/raw-html.ts'
import { rule, type RuleId } from '../rules.ts'


export interface Options {
  /** Keep remote images as links the reader's browser loads (default: `false`). */
  allowRemote?: boolean
}

export const imageTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
}

interface Use {
  url: string
  /** The URL as the tree after remark-rehype holds it (Markdown URLs are percent-encoded there). */
  key: string
  place?: Point
}

export const remarkResources: Plugin<[(Options | null | undefined)?], Root> = function (options) {
  const allowRemote = options?.allowRemote ?? false
  return async (tree, file) => {
    const folder = file.data.folder ?? (file.dirname ? path.resolve(file.dirname) : process.cwd())
    const uses: Use[] = []
    const definitions = new Map<string, Definition>()
    visit(tree, 'definition', (node) => {
      definitions.set(node.identifier, node)
    })
    visit(tree, (node) => {
      if (node.type === 'image') uses.push({ url: node.url, key: normalizeUri(node.url), place: node.position?.start })
      else if (node.type === 'imageReference') {
        const definition = definitions.get(node.identifier)
        if (definition) uses.push({ url: definition.url, key: normalizeUri(definition.url), place: node.position?.start })
      } else if (node.type === 'html') uses.push(...rawHtmlUses(node.value, node.position?.start, file))
    })
    const resources = new Map<string, Resource>()
    // One verdict, and one copy of the bytes, per file, however many names it is used by.
    const files = new Map<string, Resource>()
    for (const use of uses) {
      if (resources.has(use.key)) continue
      resources.set(use.key, await judge(use, folder, allowRemote, file, files))
    }
    file.data.resources = resources
  }
}

async function judge({ url, place }: Use, folder: string, allowRemote: boolean, file: VFile, files: Map<string, Resource>): Promise<Resource> {
  const warn = (reason: string, ruleId: RuleId): Resource => {
    file.message(reason, { place, ruleId, source: 'security' })
    return { kind: 'refused' }
  }
  if (/^(https?:)?\/\//i.test(url)) {
    return allowRemote ? { kind: 'remote', url: url.startsWith('//') ? `https:${url}` : url } : warn(messages.remoteImage(url), 'remote-image')
  }
  if (/^[a-z][a-z\d+.-]*:/i.test(url)) return warn(messages.outsideFolder(url), 'outside-folder')
  let written: string
  try {
    written = decodeURI(url.split(/[?#]/)[0]!)
  } catch {
    written = url
  }
  const target = path.resolve(folder, written)
  if (!insideAsWritten(folder, target)) return warn(messages.outsideFolder(written), 'outside-folder')
  const known = files.get(target)
  if (known) return known
  const verdict = await readImage(target, written, place, folder, file)
  files.set(target, verdict)
  return verdict
}

/** A file inside the brief's folder, read and read through. */
async function readImage(target: string, written: string, place: Point | undefined, folder: string, file: VFile): Promise<Resource> {
  const warn = (reason: string, ruleId: RuleId): Resource => {
    file.message(reason, { place, ruleId, source: 'security' })
    return { kind: 'refused' }
  }
  if (await stat(target).then((s) => s.isDirectory(), () => false)) {
    file.message(messages.imageIsFolder(written), { place, ruleId: rule('missing-image'), source: 'brief' }).fatal = true
    return { kind: 'refused' }
  }
  const mediaType = imageTypes[path.extname(target).toLowerCase()]
  if (!mediaType) return warn(messages.unknownImageType(written, Object.keys(imageTypes)), 'image-type')
  let data: Uint8Array
  try {
    // Noted as read (src/reads.ts): the build record keeps the file's bytes, not what an output carries (an SVG less its DOCTYPE).
    data = await readInput(target, (file.data.reads ??= new Map()), { kind: 'image', folders: [folder], folderWords: "the brief's folder", ...(file.data.deadline ? { deadline: file.data.deadline } : {}) })
  } catch (error) {
    const refusal = refusalOf(error)
    // A link out of the folder: refused with a warning, as a path written out of it is.
    if (refusal?.why === 'outside') return warn(messages.unreadableImage(written, readFailure(error)), 'outside-folder')
    if (refusal?.why === 'too-large') {
      file.message(messages.imageTooManyBytes(written, refusal.bytes, refusal.limit), { place, ruleId: rule('bad-image'), source: 'brief' }).fatal = true
      return { kind: 'refused' }
    }
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? messages.missingImage(written, nearImages(written, await imagesIn(folder))) : messages.unreadableImage(written, readFailure(error))
    file.message(reason, { place, ruleId: rule('missing-image'), source: 'brief' }).fatal = true
    return { kind: 'refused' }
  }
  const verdict = await checkImage(data, mediaType as ImageType)
  if (verdict.ok) return { kind: 'local', path: target, mediaType: verdict.mediaType, data: verdict.data ?? data, ...(verdict.width ? { width: verdict.width, height: verdict.height } : {}) }
  const { problem } = verdict
  if (problem.kind === 'unsafe-svg') return warn(messages.unsafeSvg(written, problem.what, problem.line), 'unsafe-svg')
  file.message(problemWords(written, problem), { place, ruleId: rule('bad-image'), source: 'brief' }).fatal = true
  return { kind: 'refused' }
}

/** What is wrong with an image that cannot be printed, and what to do. */
function problemWords(written: string, problem: Exclude<ImageProblem, { kind: 'unsafe-svg' }>): string {
  const names: Record<ImageType, string> = { 'image/png': 'a PNG image', 'image/jpeg': 'a JPEG image', 'image/gif': 'a GIF image', 'image/webp': 'a WebP image', 'image/svg+xml': 'an SVG image' }
  const extensions: Record<ImageType, string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp', 'image/svg+xml': '.svg' }
  switch (problem.kind) {
    case 'empty':
      return messages.emptyImage(written)
    case 'unknown':
      return messages.notAnImage(written, problem.looks)
    case 'misnamed':
      return messages.misnamedImage(written, names[problem.actual], written.slice(0, written.length - path.extname(written).length) + extensions[problem.actual])
    case 'truncated':
      return messages.truncatedImage(written, problem.format)
    case 'damaged':
      return messages.damagedImage(written, problem.format, problem.detail)
    case 'too-large':
      return messages.imageTooLarge(written, problem.width, problem.height, limits.imageSide, limits.imagePixels)
    case 'too-many-bytes':
      return messages.imageTooManyBytes(written, problem.bytes, limits.imageBytes)
    case 'svg-syntax':
      return messages.svgSyntax(written, problem.detail, problem.line)
  }
}

/** Likely meant: the same name with another extension (map.jpg for map.png), then near spellings. */
function nearImages(written: string, images: string[]): string[] {
  const stem = (p: string) => p.slice(0, p.length - path.extname(p).length).toLowerCase()
  const sameStem = images.filter((image) => stem(image) === stem(written))
  return [...new Set([...sameStem, ...nearest(written, images)])].slice(0, 3)
}

/** The images in the brief's folder, as paths relative to it, for "did you mean". */
async function imagesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile() && path.extname(e.name).toLowerCase() in imageTypes)
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((p) => !p.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
}

/** Image URLs in a piece of raw HTML, placed in brief.md; `srcset`s are reported and left out. */
function rawHtmlUses(html: string, start: Point | undefined, file: VFile): Use[] {
  if (!/<(img|source)\b/i.test(html)) return []
  const uses: Use[] = []
  for (const { element: node, place } of rawHtmlElements(html, start, ['img', 'source'])) {
    if (typeof node.properties.src === 'string' && node.tagName === 'img') uses.push({ url: node.properties.src, key: node.properties.src, place })
    if (node.properties.srcSet !== undefined || node.tagName === 'source') {
      file.message(messages.srcsetDropped(node.tagName), { place, ruleId: rule('srcset'), source: 'security' })
    }
  }
  return uses
}
