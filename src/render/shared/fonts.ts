/**
 * The fonts: shipped as npm packages (@fontsource, TrueType outlines in WOFF2), never taken
 * from the machine. Source Serif 4 for the text and notes, Source Sans 3 for the masthead and
 * headings; Latin and Latin Extended subsets cover transliterations such as ā ī ū ḥ ç ş.
 *
 * The PDF page loads them from the package folders (file: URLs the page is allowed to read);
 * the web page carries them inline as data: URLs so it stays one self-contained file.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)

interface Face {
  family: string
  pkg: string
  file: string
  weight: number
  style: 'normal' | 'italic'
  /** Unicode range of the subset the file holds. */
  range: string
}

/** Names the stylesheets use; see `--serif` / `--sans` in styles/issue-brief.css. */
export const serifFamily = 'Brief Serif'
export const sansFamily = 'Brief Sans'

const subsets: Array<{ name: string; range: string }> = [
  { name: 'latin', range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
  { name: 'latin-ext', range: 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF' },
]

function faces(): Face[] {
  const list: Face[] = []
  for (const { name, range } of subsets) {
    for (const weight of [400, 700]) {
      for (const style of ['normal', 'italic'] as const) {
        list.push({ family: serifFamily, pkg: '@fontsource/source-serif-4', file: `source-serif-4-${name}-${weight}-${style}.woff2`, weight, style, range })
      }
      list.push({ family: sansFamily, pkg: '@fontsource/source-sans-3', file: `source-sans-3-${name}-${weight}-normal.woff2`, weight, style: 'normal', range })
    }
  }
  return list
}

function fontPath(face: Face): string {
  return path.join(path.dirname(require.resolve(`${face.pkg}/package.json`)), 'files', face.file)
}

/** Folders the PDF page may read fonts from. */
export function fontFolders(): string[] {
  return [...new Set(faces().map((face) => path.dirname(fontPath(face))))]
}

/** Every font file, by its file name (unique across the packages). */
export function fontFiles(): Array<{ name: string; path: string }> {
  return faces().map((face) => ({ name: face.file, path: fontPath(face) }))
}

/**
 * @font-face rules; `inline` embeds the files as data: URLs, `file` points at the package
 * folders, a function gives the URL for a font's file name (e.g. a path inside an EPUB).
 */
export function fontFaceCss(mode: 'file' | 'inline' | ((name: string) => string)): string {
  return faces()
    .map((face) => {
      const file = fontPath(face)
      const url =
        typeof mode === 'function' ? mode(face.file) : mode === 'inline' ? `data:font/woff2;base64,${readFileSync(file).toString('base64')}` : pathToFileURL(file).href
      return `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};font-display:block;src:url(${url}) format('woff2');unicode-range:${face.range}}`
    })
    .join('\n')
}
