#!/usr/bin/env node
/**
 * `npm test`: the bundle (the tests' spawned `brief` runs it), then both type checks
 * (`npm run typecheck`) beside the tests (`vitest run`, with any arguments given to this
 * script). The type checks take one core for about six seconds, most of it while the tests
 * are starting, so beside them they cost the run about two seconds instead of seven. Vitest's
 * output is shown as it runs, the type checks' at the end; the exit code is 1 when any failed.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules', name)

/** Runs `node args…` in the repository; resolves with its exit code and, unless shown, its output. */
function run(args, { show = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: show ? 'inherit' : ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    child.on('error', (error) => resolve({ code: 1, output: String(error) }))
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }))
  })
}

const bundle = await run([path.join(root, 'scripts/bundle.mjs')])
if (bundle.code !== 0) {
  process.stderr.write(`${bundle.output}The bundle failed (exit ${bundle.code}).\n`)
  process.exit(1)
}
const checks = [
  ['tsc --noEmit', [bin('typescript/bin/tsc'), '--noEmit']],
  ['tsc -p tsconfig.in-page.json', [bin('typescript/bin/tsc'), '-p', 'tsconfig.in-page.json']],
].map(([label, args]) => run(args).then((result) => ({ label, ...result })))
const tests = await run([bin('vitest/vitest.mjs'), 'run', ...process.argv.slice(2)], { show: true })
let failed = tests.code !== 0
for (const { label, code, output } of await Promise.all(checks)) {
  if (code === 0) continue
  failed = true
  process.stderr.write(`\n${label} failed (exit ${code}):\n${output}`)
}
process.exit(failed ? 1 : 0)
