/**
 * The outside file is never opened: each input kind (the brief, its sources, its style, that
 * style's parent, an image, the logo, the configuration) made a symbolic link to a file out of
 * its folder, and `brief check` run as a user runs it, under strace, which lists every file
 * the process and its threads open. The target's path must not be among them (the gate
 * resolves the link without opening anything). Skipped where strace is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { files, probeProject, spoil, type Kind } from '../helpers/input-gate.ts'
import { repo } from '../helpers/cli.ts'

const strace = (() => {
  try {
    return execFileSync('which', ['strace'], { encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
})()

describe('a link out of the folder, under strace', () => {
  for (const kind of Object.keys(files) as Kind[]) {
    it.skipIf(!strace)(`never opens the outside ${kind}`, () => {
      const { root, outside } = probeProject(kind)
      const target = spoil(root, outside, kind, 'symlink out')
      const log = path.join(outside, 'strace.log')
      const run = spawnSync(strace, ['-f', '-qq', '-e', 'trace=open,openat,openat2', '-o', log, process.execPath, path.join(repo, 'bin/brief.js'), 'check', 'briefs/probe'], { cwd: root, encoding: 'utf8', timeout: 60_000 })
      expect(run.status).toBe(kind === 'logo' || kind === 'config' ? 2 : kind === 'image' ? 0 : 1)
      const opened = readFileSync(log, 'utf8')
      // strace sees the gate's opens: where the check goes on past the link, the sources are opened.
      if (['style', 'parent', 'image'].includes(kind)) expect(opened).toContain(`"${path.join(root, 'briefs/probe/references.json')}"`)
      expect(opened).not.toContain(`"${target}"`)
    }, 90_000)
  }
})
