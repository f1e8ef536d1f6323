/** Runs the real `brief` command as a user would, from the checkout, with no build step; or in this process. */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setEnv } from './env.ts'

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

/**
 * The command run in this process (`main`) from `cwd`, with `env` added for the run: for the
 * tests where a spawned process proves nothing extra (each spawn costs a third of a second).
 */
export async function briefHere(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const { main } = await import('../../src/cli.ts')
  let stdout = ''
  let stderr = ''
  const previous = process.cwd()
  const restore = setEnv(options.env ?? {})
  process.chdir(options.cwd ?? repo)
  try {
    const code = await main(args, { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: (s: string) => ((stderr += s), true) } })
    return { code, stdout, stderr }
  } finally {
    process.chdir(previous)
    restore()
  }
}

/** The example brief's folder name, under briefs/. */
export const seed = '2025-04-07-pakistan-afghanistan-resetting-ties'

/**
 * A fresh project folder as a user has one: the configuration and the example brief, under
 * each of `names` in briefs/ (its own name by default).
 */
export function exampleProject(prefix: string, names: string[] = [seed]): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  cpSync(path.join(repo, 'brief.config.yaml'), path.join(dir, 'brief.config.yaml'))
  for (const name of names) cpSync(path.join(repo, 'briefs', seed), path.join(dir, 'briefs', name), { recursive: true })
  return dir
}

/** A brief titled `name` in `root/name`, its body `body` as given; returns its folder. */
export function writeBrief(root: string, name: string, body: string): string {
  const folder = path.join(root, name)
  mkdirSync(folder, { recursive: true })
  writeFileSync(path.join(folder, 'brief.md'), `---\ntitle: ${name}\n---\n\n${body}`)
  return folder
}
