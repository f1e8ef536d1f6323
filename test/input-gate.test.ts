/**
 * Every file the toolkit reads goes through one gate (src/reads.ts): its real path inside the
 * allowed folder, a regular file, under its kind's byte limit, read within the time left.
 * This table walks every input kind (the brief, its sources, its style, that style's parent,
 * an image, the logo, the configuration) through every way a path can be wrong: a symbolic
 * link out of its folder, a named pipe (FIFO), a device, a folder, a file this user may not
 * read, and a file past its limit. Each case asserts the exact message with its place, the
 * exit code, and that `brief check` ends within a bound (a FIFO once hung every command
 * forever). Unreadable is simulated, since the tests may run as root: opening the file whose
 * path is `faults.denied` (test/helpers/fs-faults.ts) fails as the kernel would fail it. test/stress/input-gate-strace.test.ts
 * proves, under strace, that the outside file is never opened.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { faults } from './helpers/fs-faults.ts'
import { brief, briefHere, repo } from './helpers/cli.ts'
import { files, probeProject, spoil } from './helpers/input-gate.ts'

type Kind = import('./helpers/input-gate.ts').Kind
type Condition = import('./helpers/input-gate.ts').Condition

/** Whether this user may make a device node (root may); the device rows are skipped otherwise. */
const canMknod = (() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-gate-mknod-'))
  try {
    execFileSync('mknod', [path.join(dir, 'zero'), 'c', '1', '5'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})()

/** What `brief check briefs/probe` says: its exit code, the first error line with the folders named ROOT and OUTSIDE, and how long it took. */
export async function checkProbe(kind: Kind, condition: Condition) {
  const { root, outside } = probeProject(kind)
  spoil(root, outside, kind, condition)
  if (condition === 'unreadable') faults.denied = path.join(root, files[kind])
  const started = performance.now()
  try {
    const run = await briefHere(['check', 'briefs/probe'], { cwd: root })
    const ms = performance.now() - started
    const line = run.stderr.split('\n').find((l) => /\berror\b|\bwarning\b.*\[/.test(l)) ?? run.stderr
    return { code: run.code, line: line.replaceAll(outside, 'OUTSIDE').replaceAll(root, 'ROOT').trim(), ms, stderr: run.stderr }
  } finally {
    delete faults.denied
  }
}

/**
 * What `brief check` says for each case: exit code and its first message, as printed. A link
 * out is named with its target; an image out of the folder is left out with a warning, as one
 * written out of it is; the configuration and the logo stop the run (exit 2).
 */
const expected: Array<[Kind, Condition, number, string]> = [
    ['brief', 'symlink out', 1, `briefs/probe/brief.md:1:1  error  Cannot read the brief: it leads out of the brief's folder (a symbolic link to OUTSIDE/brief.md), and only files inside it are read; copy the file into the folder instead of linking to it  [outside-folder]`],
    ['brief', 'FIFO', 1, `briefs/probe/brief.md:1:1  error  Cannot read the brief: it is a named pipe (FIFO), not a file, and is never read; name a regular file  [unreadable-brief]`],
    ['brief', 'device', 1, `briefs/probe/brief.md:1:1  error  Cannot read the brief: it is a device, not a file, and is never read; name a regular file  [unreadable-brief]`],
    ['brief', 'folder', 2, `error  No briefs in briefs/probe: it holds 6 other files`],
    ['brief', 'unreadable', 1, `briefs/probe/brief.md:1:1  error  Cannot read the brief: permission denied: this user may not read it; give read permission (e.g. \`chmod a+r\` on it) or copy it  [unreadable-brief]`],
    ['brief', 'oversize', 1, `briefs/probe/brief.md:1:1  error  Cannot read the brief: it is 120 MB, past the limit of 8 MB for a brief; is it the right file?  [too-large]`],
    ['sources', 'symlink out', 1, `briefs/probe/brief.md:14:15  error  Bibliography file \`references.json\` cannot be read: it leads out of the brief's folder (a symbolic link to OUTSIDE/references.json), and only files inside it are read; copy the file into the folder instead of linking to it  [outside-folder]`],
    ['sources', 'FIFO', 1, `briefs/probe/brief.md:14:15  error  Bibliography file \`references.json\` cannot be read: it is a named pipe (FIFO), not a file, and is never read; name a regular file  [missing-bibliography]`],
    ['sources', 'device', 1, `briefs/probe/brief.md:14:15  error  Bibliography file \`references.json\` cannot be read: it is a device, not a file, and is never read; name a regular file  [missing-bibliography]`],
    ['sources', 'folder', 1, `briefs/probe/brief.md:14:15  error  Bibliography file \`references.json\` cannot be read: it is a folder; name the file inside it, e.g. \`sources/references.json\`  [missing-bibliography]`],
    ['sources', 'unreadable', 1, `briefs/probe/brief.md:14:15  error  Bibliography file \`references.json\` cannot be read: permission denied: this user may not read it; give read permission (e.g. \`chmod a+r\` on it) or copy it  [missing-bibliography]`],
    ['sources', 'oversize', 1, `briefs/probe/brief.md:14:15  error  Bibliography file \`references.json\` cannot be read: it is 120 MB, past the limit of 50 MB for a bibliography file; is it the right file?  [too-large]`],
    ['style', 'symlink out', 1, `briefs/probe/brief.md:2:6  error  CSL style \`house.csl\` cannot be read: it leads out of the brief's folder (a symbolic link to OUTSIDE/house.csl), and only files inside it are read; copy the file into the folder instead of linking to it  [outside-folder]`],
    ['style', 'FIFO', 1, `briefs/probe/brief.md:2:6  error  CSL style \`house.csl\` cannot be read: it is a named pipe (FIFO), not a file, and is never read; name a regular file  [missing-csl]`],
    ['style', 'device', 1, `briefs/probe/brief.md:2:6  error  CSL style \`house.csl\` cannot be read: it is a device, not a file, and is never read; name a regular file  [missing-csl]`],
    ['style', 'folder', 1, `briefs/probe/brief.md:2:6  error  CSL style \`house.csl\` cannot be read: it is a folder, not a file  [missing-csl]`],
    ['style', 'unreadable', 1, `briefs/probe/brief.md:2:6  error  CSL style \`house.csl\` cannot be read: permission denied: this user may not read it; give read permission (e.g. \`chmod a+r\` on it) or copy it  [missing-csl]`],
    ['style', 'oversize', 1, `briefs/probe/brief.md:2:6  error  CSL style \`house.csl\` cannot be read: it is 120 MB, past the limit of 5 MB for a CSL style; is it the right file?  [too-large]`],
    ['parent', 'symlink out', 1, `briefs/probe/brief.md:2:6  error  CSL style \`journal.csl\` cannot be read: its parent style briefs/probe/house-parent.csl cannot be read: it leads out of the brief's folder (a symbolic link to OUTSIDE/house-parent.csl), and only files inside it are read; copy the file into the folder instead of linking to it  [outside-folder]`],
    ['parent', 'FIFO', 1, `briefs/probe/brief.md:2:6  error  CSL style \`journal.csl\` cannot be read: its parent style briefs/probe/house-parent.csl cannot be read: it is a named pipe (FIFO), not a file, and is never read; name a regular file  [missing-csl]`],
    ['parent', 'device', 1, `briefs/probe/brief.md:2:6  error  CSL style \`journal.csl\` cannot be read: its parent style briefs/probe/house-parent.csl cannot be read: it is a device, not a file, and is never read; name a regular file  [missing-csl]`],
    ['parent', 'folder', 1, `briefs/probe/brief.md:2:6  error  CSL style \`journal.csl\` cannot be read: its parent style briefs/probe/house-parent.csl cannot be read: it is a folder, not a file  [missing-csl]`],
    ['parent', 'unreadable', 1, `briefs/probe/brief.md:2:6  error  CSL style \`journal.csl\` cannot be read: its parent style briefs/probe/house-parent.csl cannot be read: permission denied: this user may not read it; give read permission (e.g. \`chmod a+r\` on it) or copy it  [missing-csl]`],
    ['parent', 'oversize', 1, `briefs/probe/brief.md:2:6  error  CSL style \`journal.csl\` cannot be read: its parent style briefs/probe/house-parent.csl cannot be read: it is 120 MB, past the limit of 5 MB for a CSL style; is it the right file?  [too-large]`],
    ['image', 'symlink out', 0, `briefs/probe/brief.md:34:1  warning  Image \`map.png\` cannot be read: it leads out of the brief's folder (a symbolic link to OUTSIDE/map.png), and only files inside it are read; copy the file into the folder instead of linking to it  [outside-folder]`],
    ['image', 'FIFO', 1, `briefs/probe/brief.md:34:1  error  Image \`map.png\` cannot be read: it is a named pipe (FIFO), not a file, and is never read; name a regular file  [missing-image]`],
    ['image', 'device', 1, `briefs/probe/brief.md:34:1  error  Image \`map.png\` cannot be read: it is a device, not a file, and is never read; name a regular file  [missing-image]`],
    ['image', 'folder', 1, `briefs/probe/brief.md:34:1  error  Image \`map.png\` is a folder; name the image file inside it, e.g. \`map.png/map.png\`  [missing-image]`],
    ['image', 'unreadable', 1, `briefs/probe/brief.md:34:1  error  Image \`map.png\` cannot be read: permission denied: this user may not read it; give read permission (e.g. \`chmod a+r\` on it) or copy it  [missing-image]`],
    ['image', 'oversize', 1, `briefs/probe/brief.md:34:1  error  Image \`map.png\` is 120.0 MB; the limit is 50 MB: save it smaller (a figure needs a few hundred kilobytes)  [bad-image]`],
    ['logo', 'symlink out', 2, `error  logo \`logo.png\` in brief.config.yaml cannot be read: it leads out of brief.config.yaml's folder (a symbolic link to OUTSIDE/logo.png), and only files inside it are read; copy the file into the folder instead of linking to it`],
    ['logo', 'FIFO', 2, `error  logo \`logo.png\` in brief.config.yaml cannot be read: it is a named pipe (FIFO), not a file, and is never read; name a regular file`],
    ['logo', 'device', 2, `error  logo \`logo.png\` in brief.config.yaml cannot be read: it is a device, not a file, and is never read; name a regular file`],
    ['logo', 'folder', 2, `error  logo \`logo.png\` in brief.config.yaml cannot be read: it is a folder, not a file`],
    ['logo', 'unreadable', 2, `error  logo \`logo.png\` in brief.config.yaml cannot be read: permission denied: this user may not read it; give read permission (e.g. \`chmod a+r\` on it) or copy it`],
    ['logo', 'oversize', 2, `error  logo \`logo.png\` in brief.config.yaml cannot be read: it is 120 MB, past the limit of 10 MB for a logo; is it the right file?`],
    ['config', 'symlink out', 2, `brief.config.yaml:1:1  error  Cannot read ROOT/brief.config.yaml: it leads out of its folder (a symbolic link to OUTSIDE/brief.config.yaml), and only files inside it are read; copy the file into the folder instead of linking to it`],
    ['config', 'FIFO', 2, `brief.config.yaml:1:1  error  Cannot read ROOT/brief.config.yaml: it is a named pipe (FIFO), not a file, and is never read; name a regular file`],
    ['config', 'device', 2, `brief.config.yaml:1:1  error  Cannot read ROOT/brief.config.yaml: it is a device, not a file, and is never read; name a regular file`],
    ['config', 'folder', 2, `brief.config.yaml:1:1  error  Cannot read ROOT/brief.config.yaml: it is a folder, not a file`],
    ['config', 'unreadable', 2, `brief.config.yaml:1:1  error  Cannot read ROOT/brief.config.yaml: permission denied: this user may not read it; give read permission (e.g. \`chmod a+r\` on it) or copy it`],
    ['config', 'oversize', 2, `brief.config.yaml:1:1  error  Cannot read ROOT/brief.config.yaml: it is 120 MB, past the limit of 1 MB for a configuration file; is it the right file?`],
]

describe('every input kind through the one gate', () => {
  for (const [kind, condition, code, line] of expected) {
    it.skipIf(condition === 'device' && !canMknod)(`${kind}, ${condition}: exit ${code}`, async () => {
      const result = await checkProbe(kind, condition)
      expect(result.line).toBe(line)
      expect(result.code).toBe(code)
      // Refused before anything is read: a pipe, a device or 120 MB never costs a second.
      expect(result.ms).toBeLessThan(condition === 'FIFO' ? 2_000 : 5_000)
    }, 20_000)
  }

  it('walks every kind through every condition', () => {
    const kinds = Object.keys(files) as Kind[]
    const conditions: Condition[] = ['symlink out', 'FIFO', 'device', 'folder', 'unreadable', 'oversize']
    expect(expected.map(([k, c]) => `${k} ${c}`)).toEqual(kinds.flatMap((k) => conditions.map((c) => `${k} ${c}`)))
  })
})

describe('a batch with an entry that cannot be read', () => {
  it('reports an unreadable subfolder, a named pipe and a link to a folder elsewhere at their places, builds the rest, and exits 1', async () => {
    const { root } = probeProject('brief')
    cpSync(path.join(root, 'briefs/probe'), path.join(root, 'briefs/locked'), { recursive: true })
    rmSync(path.join(root, 'briefs/locked/brief.md'))
    mkdirSync(path.join(root, 'briefs/notes'))
    execFileSync('mkfifo', [path.join(root, 'briefs/notes/pipe.md')])
    // A link to a folder of briefs elsewhere on the machine: named, never followed.
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'brief-elsewhere-'))
    cpSync(path.join(root, 'briefs/probe'), path.join(elsewhere, 'secret'), { recursive: true })
    symlinkSync(elsewhere, path.join(root, 'briefs/linked'))
    faults.denied = path.join(root, 'briefs/locked')
    try {
      const started = performance.now()
      const run = await briefHere(['build', '--format', 'html'], { cwd: root })
      expect(performance.now() - started).toBeLessThan(10_000)
      expect(run.code).toBe(1)
      expect(run.stderr).not.toMatch(/\n\s+at /)
      expect(run.stderr).toContain('briefs/locked:1:1  error  Cannot look for briefs in the folder briefs/locked: permission denied: this user may not read it; give read permission (e.g. `chmod a+r` on it) or copy it  [unreadable-brief]')
      expect(run.stderr).toContain('briefs/notes/pipe.md:1:1  error  Cannot read the brief: it is a named pipe (FIFO), not a file, and is never read; name a regular file  [unreadable-brief]')
      expect(run.stderr).toContain('briefs/linked:1:1  error  This is a link to a folder, which a folder of briefs does not follow (it could lead anywhere on the machine); move or copy the brief\'s folder here  [unreadable-brief]')
      expect(existsSync(path.join(root, 'output/secret.html'))).toBe(false)
      expect(readFileSync(path.join(root, 'output/probe.html'), 'utf8')).toContain('<html')
    } finally {
      delete faults.denied
    }
  }, 30_000)
})

describe('the command, spawned', () => {
  it('ends a build whose bibliography is a named pipe in well under 5 s, with exit 1 and the message', () => {
    const { root, outside } = probeProject('sources')
    spoil(root, outside, 'sources', 'FIFO')
    const started = performance.now()
    const run = brief(['build', 'briefs/probe', '--format', 'html'], { cwd: root })
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('Bibliography file `references.json` cannot be read: it is a named pipe (FIFO), not a file, and is never read; name a regular file  [missing-bibliography]')
  }, 20_000)
})

describe('no other way in', () => {
  /**
   * Modules that may read files themselves, each for the toolkit's own files, never a brief's
   * or the configuration's: everything else reads through src/reads.ts.
   */
  const allowed: Record<string, string> = {
    'src/reads.ts': 'the gate itself',
    'src/version.ts': "the toolkit's package.json",
    'src/citations/locales.ts': "the CSL locales the toolkit ships or Debian installs",
    'src/render/shared/fonts.ts': "the toolkit's fonts",
    'src/render/shared/stylesheet.ts': "the toolkit's stylesheets",
    'src/render/epub/epub.ts': "the toolkit's fonts",
    'src/core/new.ts': "the toolkit's brief skeleton",
    'src/core/write.ts': 'opens the output folder to flush it to disk; reads nothing',
    'src/core/incremental.ts': "the build record in the output folder and the toolkit's own files (inputs are hashed through the gate)",
    'src/site/site.ts': "the site's record, the toolkit's own sources (the site's version) and the outputs build() wrote (the brief and the configuration through the gate)",
    'src/site/files.ts': "the site's own files, compared with what is to be written",
  }

  it('reads files only in the gate and the modules that read the toolkit\'s own files', () => {
    const sources = execFileSync('git', ['ls-files', 'src'], { cwd: repo, encoding: 'utf8' }).split('\n').filter((f) => /\.(ts|js|mjs)$/.test(f))
    const readers = sources.filter((file) => {
      const text = readFileSync(path.join(repo, file), 'utf8')
      // A reading function imported from node:fs or node:fs/promises, or called on `fs.`.
      const imports = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'node:fs(?:\/promises)?'/g)].flatMap((m) => m[1]!.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]))
      return imports.some((name) => /^(readFile|readFileSync|createReadStream|open|openSync|read|readSync|openAsBlob)$/.test(name!)) || /\bfs(?:Promises)?\.(readFile|createReadStream|open|read)\w*\(/.test(text)
    })
    expect(readers.sort()).toEqual(Object.keys(allowed).sort())
  })
})
