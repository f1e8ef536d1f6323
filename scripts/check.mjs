#!/usr/bin/env node
/**
 * What `npm test` runs before the tests: the bundle (the spawned `brief` of the tests runs it)
 * and both type checks (`npm run typecheck`), at the same time, since each of them leaves a
 * core idle for most of its time. Each one's output is printed as it ended; the exit code is 1
 * when any of them failed.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tsc = path.join(root, 'node_modules/typescript/bin/tsc')
const steps = [
  ['the bundle', [path.join(root, 'scripts/bundle.mjs')]],
  ['tsc --noEmit', [tsc, '--noEmit']],
  ['tsc -p tsconfig.in-page.json', [tsc, '-p', 'tsconfig.in-page.json']],
]

const results = await Promise.all(
  steps.map(
    ([label, args]) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
        let output = ''
        child.stdout.on('data', (chunk) => (output += chunk))
        child.stderr.on('data', (chunk) => (output += chunk))
        child.on('error', (error) => resolve({ label, code: 1, output: String(error) }))
        child.on('close', (code) => resolve({ label, code, output }))
      }),
  ),
)
for (const { label, code, output } of results) {
  if (output.trim()) process.stdout.write(`${label}:\n${output}${output.endsWith('\n') ? '' : '\n'}`)
  if (code !== 0) process.stderr.write(`${label} failed (exit ${code})\n`)
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1)
