/** Runs the real `brief` command as a user would, from the checkout, with no build step. */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

export const repo = path.resolve(import.meta.dirname, '../..')
const bin = path.join(repo, 'bin/brief.js')

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

export function brief(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repo,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', ...options.env },
    timeout: 120_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
