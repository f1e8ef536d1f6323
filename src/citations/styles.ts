/**
 * CSL styles, registered with citation-js under a name made from their content, so two styles
 * never share a cached engine and an edited style file is never served stale. What a style is
 * (Style) lives here, below both the engine and the locales, which read it.
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import { csl } from './citeproc.ts'
import { toolkitPath } from '../toolkit.ts'
import { decodeText } from '../brief/read.ts'
import { displayPath, readFailure } from '../messages.ts'
import { readInput, refusalOf, type Gate, type Reads } from '../reads.ts'

/** Where the toolkit's own styles live; `csl: issi` means `styles/issi.csl` here. */
export const stylesDir = toolkitPath('styles')

export interface Style {
  /** Registered name inside citation-js. */
  name: string
  /** `note` styles turn citations into footnotes; `in-text` styles keep them inline. */
  kind: 'note' | 'in-text'
  /** Where it came from, for messages. */
  file: string
  /** How the style orders the sources inside one citation. */
  citationSort: 'none' | 'keys' | 'number'
  /** Collapses one author's works ("Small, 2015, 2020"). */
  collapsesYears: boolean
  /**
   * Brings one author's works in a citation together (CSL's cite grouping): the style collapses
   * years or year suffixes, or sets a `cite-group-delimiter`.
   */
  groupsCites: boolean
  /** The style's `default-locale`, used when the brief does not give its `lang`. */
  defaultLocale?: string
}

export class StyleProblem extends Error {
  constructor(
    readonly kind: 'missing' | 'unreadable' | 'invalid' | 'outside',
    readonly resolved: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(detail, options)
  }
}

const styleCache = new Map<string, Style>()

/** Where a style may be read from (src/reads.ts): every style is read through the same gate. */
export type StyleGate = Omit<Gate, 'kind'>

/** A style named by its path alone is confined to its own folder: a link there may not lead out. */
const ownFolder = (file: string): StyleGate => ({ folders: [path.dirname(file)], folderWords: 'its folder' })

/** A dependent style's parent: its file and the gate it is read through. */
export interface ParentStyle {
  file: string
  gate: StyleGate
}

/**
 * Loads a CSL style through `gate`. A dependent style (a journal's name for another style) is
 * its parent, found by `parentFile` and read through the parent's own gate, with the
 * dependent's own language. Both files go to `reads`.
 */
export async function loadStyle(file: string, gate: StyleGate = ownFolder(file), parentFile: (name: string) => ParentStyle | undefined = () => undefined, reads?: Reads): Promise<Style> {
  let bytes: Buffer
  try {
    bytes = await readInput(file, reads, { ...gate, kind: 'style' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StyleProblem('missing', file, (error as Error).message)
    throw new StyleProblem(refusalOf(error)?.why === 'outside' ? 'outside' : 'unreadable', file, readFailure(error), { cause: error })
  }
  const decoded = decodeText(bytes, 'the file')
  if ('problem' in decoded) throw new StyleProblem('invalid', file, decoded.problem)
  const xml = decoded.text
  const name = `brief-${createHash('sha256').update(xml).digest('hex').slice(0, 16)}`
  const cached = styleCache.get(name)
  if (cached) return { ...cached, file }
  const root = /<style\b[^>]*>/.exec(xml)?.[0]
  if (!root || !/xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(root)) {
    throw new StyleProblem('invalid', file, 'no <style xmlns="http://purl.org/net/xbiblio/csl"> root element')
  }
  const parent = /<link\b[^>]*\brel="independent-parent"[^>]*>/.exec(xml)?.[0]
  if (parent && !/<citation\b/.test(xml)) {
    const name = /\bhref="[^"]*\/([\w-]+)"/.exec(parent)?.[1] ?? ''
    const found = name ? parentFile(name) : undefined
    if (!found) throw new StyleProblem('invalid', file, `it is a dependent style, a journal's name for the style \`${name}\`, which is not installed; name that style instead, or put its .csl file beside the brief`)
    const own = /\bdefault-locale="([^"]+)"/.exec(root)?.[1]
    let style: Style
    try {
      style = await loadStyle(found.file, found.gate, undefined, reads)
    } catch (error) {
      // Said of the style the brief names, with the parent that failed named in it.
      if (!(error instanceof StyleProblem)) throw error
      throw new StyleProblem(error.kind === 'missing' ? 'unreadable' : error.kind, file, `its parent style ${displayPath(found.file)} ${error.kind === 'invalid' ? 'is not a usable style' : 'cannot be read'}: ${error.message}`, { cause: error })
    }
    return { ...style, file, ...(own ? { defaultLocale: own } : {}) }
  }
  const kind = /\bclass="note"/.test(root) ? 'note' : /\bclass="in-text"/.test(root) ? 'in-text' : undefined
  if (!kind) throw new StyleProblem('invalid', file, 'the <style> element needs class="note" or class="in-text"')
  const citation = /<citation\b[\s\S]*?<\/citation>/.exec(xml)?.[0]
  if (!citation) throw new StyleProblem('invalid', file, 'it has no <citation> element')
  const sort = /<sort\b[\s\S]*?<\/sort>/.exec(citation)?.[0]
  const citationSort = !sort ? 'none' : /variable="citation-number"/.test(sort) ? 'number' : 'keys'
  if (!csl.styles.has(name)) csl.styles.add(name, xml)
  // Build once now so a broken style fails here, with its own message, not mid-brief.
  try {
    csl.engine([], name, 'en-US', 'html')
  } catch (error) {
    throw new StyleProblem('invalid', file, (error as Error).message.split('\n')[0]!)
  }
  const citationTag = /<citation\b[^>]*>/.exec(citation)![0]
  const collapsesYears = /\bcollapse="year/.test(citationTag)
  const groupsCites = collapsesYears || /\bcite-group-delimiter="[^"]/.test(citationTag)
  const defaultLocale = /\bdefault-locale="([^"]+)"/.exec(root)?.[1]
  const style: Style = { name, kind, file, citationSort, collapsesYears, groupsCites, ...(defaultLocale ? { defaultLocale } : {}) }
  styleCache.set(name, style)
  return style
}
