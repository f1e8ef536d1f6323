#!/usr/bin/env node
/**
 * Bundles the command line into dist/ with esbuild: one module graph, read in a few files
 * instead of hundreds and not transpiled at every start (about 0.7 s of a build). Run by
 * `npm install` (postinstall) and before `npm test`; bin/brief.js uses the bundle only while
 * dist/sources.json still matches every file under src/, and runs the sources otherwise.
 */
import { build } from 'esbuild'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sourceStamp } from '../bin/source-stamp.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

// Built beside dist/ and renamed into place, so a brief started meanwhile sees the old bundle
// or the new one, never half of one.
const temp = path.join(root, `.dist-${process.pid}`)
rmSync(temp, { recursive: true, force: true })
mkdirSync(temp)
const stamp = sourceStamp(root)
await build({
  // The parser's worker is a file of its own: src/pipeline/parsers.ts starts it by name.
  entryPoints: [path.join(root, 'src/cli.ts'), { in: path.join(root, 'src/pipeline/parse-worker.ts'), out: 'parse-worker' }],
  outdir: temp,
  bundle: true,
  splitting: true, // the browser stack and each command stay in chunks loaded on demand
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // citeproc stays a package of its own: the engine adapter patches the one instance
  // citation-js uses (src/citations/citeproc.ts), which a bundled copy would not be.
  external: ['citeproc'],
  // Bundled CommonJS packages call require, and citeproc is required at run time.
  banner: { js: "import { createRequire as __briefRequire } from 'node:module'; const require = __briefRequire(import.meta.url);" },
  logLevel: 'error',
  legalComments: 'none',
})
writeFileSync(path.join(temp, 'sources.json'), JSON.stringify(stamp))
const dist = path.join(root, 'dist')
const old = `${dist}-old-${process.pid}`
try {
  renameSync(dist, old)
} catch {
  // no bundle yet
}
renameSync(temp, dist)
rmSync(old, { recursive: true, force: true })
