#!/usr/bin/env node
// Runs the bundle `npm install` made in dist/ (fast to start) while it matches the sources,
// else the TypeScript sources through tsx, so an edited checkout never runs stale code.
// BRIEF_FROM_SOURCE=1 always runs the sources.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleIsCurrent } from './source-stamp.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

let main
if (!process.env.BRIEF_FROM_SOURCE && bundleIsCurrent(root)) {
  ;({ main } = await import('../dist/cli.js'))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli.ts'))
}
process.exitCode = await main(process.argv.slice(2))
