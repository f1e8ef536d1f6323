/**
 * Where the toolkit's own files are (package.json, styles/, templates/, fonts' packages): the
 * folder above this module that holds package.json. Found by walking up, so the same code
 * works from the TypeScript sources (src/…) and from the bundle `npm install` makes (dist/…).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

function findRoot(from: string): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`issi-briefs: no package.json above ${from}`)
  }
}

export const toolkitRoot = findRoot(fileURLToPath(import.meta.url))

/** A path inside the toolkit: `toolkitPath('styles', 'print.css')`. */
export const toolkitPath = (...parts: string[]): string => path.join(toolkitRoot, ...parts)

/** The same as a file: URL. */
export const toolkitUrl = (...parts: string[]): URL => pathToFileURL(toolkitPath(...parts))
