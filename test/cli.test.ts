/**
 * The `brief` command as typed: exit codes, batches, previous outputs left untouched on errors,
 * usage errors in the author's words, help and version, progress on a terminal and off it.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { brief, briefHere, repo } from './helpers/cli.ts'
import { extractNotes, normalise } from './helpers/extract.ts'
import { fixture } from './helpers/fixtures.ts'

/** The outputs in a folder (the build record, a dot-file, is not one). */
const listed = (dir: string) => readdirSync(dir).filter((n) => !n.startsWith('.'))

const seed = '2025-04-07-pakistan-afghanistan-resetting-ties'

/** A scratch project: the config, the example brief and one broken brief. */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-cli-'))
  cpSync(path.join(repo, 'brief.config.yaml'), path.join(dir, 'brief.config.yaml'))
  cpSync(path.join(repo, 'briefs', seed), path.join(dir, 'briefs', seed), { recursive: true })
  cpSync(fixture('bad/unknown-key'), path.join(dir, 'briefs', 'broken'), { recursive: true })
  return dir
}

describe('brief build (command line)', () => {
  let dir: string
  beforeEach(() => {
    dir = project()
  })

  it('builds the example brief with its nine notes in house style', async () => {
    const run = await briefHere(['build', `briefs/${seed}`, '--format', 'html'], { cwd: dir })
    expect(run.code).toBe(0)
    const html = readFileSync(path.join(dir, 'output', `${seed}.html`), 'utf8')
    const expected = readFileSync(path.join(repo, 'test/expected/seed-notes.txt'), 'utf8').split('\n').filter(Boolean).map(normalise)
    expect(extractNotes(html)).toEqual(expected)
  })

  it('builds the good briefs of a batch, refuses the broken one and exits 1', async () => {
    const run = await briefHere(['build', '--format', 'html'], { cwd: dir })
    expect(run.code).toBe(1)
    expect(listed(path.join(dir, 'output'))).toEqual([`${seed}.html`])
    expect(run.stderr).toContain('briefs/broken/brief.md:6:29  error  Unknown citation key `@do2020` (did you mean `@doe2020`?)')
    expect(run.stderr).toContain('[unknown-key]')
    expect(run.stderr).not.toMatch(/\u001b\[/)
  })

  it('leaves the previous output byte-identical when a brief breaks', async () => {
    expect((await briefHere(['build', `briefs/${seed}`], { cwd: dir })).code).toBe(0)
    const target = path.join(dir, 'output', `${seed}.html`)
    const before = readFileSync(target)
    const md = path.join(dir, 'briefs', seed, 'brief.md')
    writeFileSync(md, readFileSync(md, 'utf8').replace('[@yousaf2025envoy]', '[@yousaf2052envoy]'))
    const run = await briefHere(['build', `briefs/${seed}`], { cwd: dir })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/brief\.md:\d+:\d+  error  Unknown citation key `@yousaf2052envoy` \(did you mean `@yousaf2025envoy`\?\)/)
    expect(readFileSync(target).equals(before)).toBe(true)
    expect(listed(path.join(dir, 'output')).sort()).toEqual([`${seed}.epub`, `${seed}.html`, `${seed}.pdf`])
  })

  it('prints a JSON report with --json', async () => {
    const run = await briefHere(['build', '--format', 'html', '--json'], { cwd: dir })
    const report = JSON.parse(run.stdout) as { ok: boolean; briefs: Array<{ slug: string; ok: boolean; messages: Array<{ line: number; rule: string }> }> }
    expect(report.ok).toBe(false)
    expect(report.briefs.map((b) => [b.slug, b.ok])).toEqual([[seed, true], ['broken', false]])
    expect(report.briefs[1]!.messages[0]).toMatchObject({ line: 6, rule: 'unknown-key' })
  })

  it('writes to --out and takes a .md file as a path', async () => {
    const run = await briefHere(['build', `briefs/${seed}/brief.md`, '--out', 'site', '--format', 'html'], { cwd: dir })
    expect(run.code).toBe(0)
    expect(existsSync(path.join(dir, 'site', `${seed}.html`))).toBe(true)
  })

  it('refuses an --out that cannot be used once, before any brief, exit 2', async () => {
    writeFileSync(path.join(dir, 'notadir'), '')
    const file = await briefHere(['build', '--format', 'html', '--out', 'notadir/sub'], { cwd: dir })
    expect(file.code).toBe(2)
    expect(file.stderr.trim().split('\n')).toEqual(['error  --out notadir/sub: notadir is not a folder', '    Choose an output folder with --out DIR'])
    const proc = await briefHere(['build', '--format', 'html', '--out', '/proc/brief-out'], { cwd: dir })
    expect(proc.code).toBe(2)
    expect(proc.stderr).toMatch(/^error {2}--out \/proc\/brief-out: cannot write there \(.+\)\n {4}Choose a folder you can write to with --out DIR\n$/)
    // sysfs takes no new folders, even from root: a folder that cannot be made.
    const sys = await briefHere(['build', '--format', 'html', '--out', '/sys/brief-out/x'], { cwd: dir })
    expect(sys.code).toBe(2)
    expect(sys.stderr).toMatch(/^error {2}--out \/sys\/brief-out\/x: cannot write there \(.+\)\n/)
    expect(existsSync(path.join(dir, 'output'))).toBe(false)
  })

  it('exits 2 with what to do when the browser cannot be found; HTML builds need none', async () => {
    const pdf = await briefHere(['build', '--format', 'pdf'], { cwd: dir, env: { BRIEF_CHROME: '/nonexistent/chrome' } })
    expect(pdf.code).toBe(2)
    expect(pdf.stderr).toContain('BRIEF_CHROME points to /nonexistent/chrome, which does not exist')
    // The output folder was checked (and made) before the browser; nothing was written in it.
    expect(readdirSync(path.join(dir, 'output'))).toEqual([])
    const html = await briefHere(['build', `briefs/${seed}`, '--format', 'html'], { cwd: dir, env: { BRIEF_CHROME: '/nonexistent/chrome' } })
    expect(html.code).toBe(0)
  })

  it('takes a style name from styles/ in --csl, as in front matter', async () => {
    const run = await briefHere(['build', `briefs/${seed}`, '--format', 'html', '--csl', 'author-date'], { cwd: dir })
    expect(run.code, run.stderr).toBe(0)
    expect(readFileSync(path.join(dir, 'output', `${seed}.html`), 'utf8')).toContain('(Yousaf 2025)')
  })

  it('applies --csl to every brief', async () => {
    const run = await briefHere(['build', `briefs/${seed}`, '--format', 'html', '--csl', path.join(repo, 'styles/author-date.csl')], { cwd: dir })
    expect(run.code).toBe(0)
    const html = readFileSync(path.join(dir, 'output', `${seed}.html`), 'utf8')
    expect(extractNotes(html)).toEqual([])
    expect(html).toContain('(Yousaf 2025)')
  })

  it('keeps --json output valid JSON when the sources make citeproc-js warn', async () => {
    const run = await briefHere(['build', fixture('source-bad-data'), '--format', 'html', '--json', '--out', path.join(dir, 'out')], { cwd: dir })
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as { briefs: Array<{ messages: Array<{ rule: string; file: string }> }> }
    const rules = report.briefs[0]!.messages.map((m) => m.rule)
    expect(rules).toContain('citeproc-warning')
    expect(rules).toContain('source-data')
    expect(report.briefs[0]!.messages.find((m) => m.rule === 'source-data')!.file).toMatch(/references\.json$/)
  })

  it('exits 2 with a clear message on bad usage', async () => {
    const unknownFormat = await briefHere(['build', '--format', 'odt'], { cwd: dir })
    expect(unknownFormat.code).toBe(2)
    expect(unknownFormat.stderr).toContain('Unknown format `odt`')
    expect(unknownFormat.stderr).toContain('pdf, html, epub, docx')
    const style = await briefHere(['build', '--format', 'html', '--csl', 'nonesuch'], { cwd: dir })
    expect(style.code).toBe(2)
    // Said once, naming the flag, not blamed on every brief.
    expect(style.stderr.match(/--csl/g)).toHaveLength(1)
    expect(style.stderr).toContain('--csl: CSL style `nonesuch` not found')
    expect(style.stderr).not.toContain('brief.md')
    const missing = await briefHere(['build', 'briefs/nope'], { cwd: dir })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('does not exist')
    const flag = await briefHere(['build', '--frobnicate'], { cwd: dir })
    expect(flag.code).toBe(2)
    // In our words, with the nearest flag, never Node's parseArgs text.
    const watch = await briefHere(['build', '--formt', 'pdf'], { cwd: dir })
    expect(watch.code).toBe(2)
    expect(watch.stderr).toContain('`brief build` has no option `--formt` (did you mean `--format`?)')
    expect(watch.stderr).not.toContain("after '--'")
    const value = await briefHere(['build', '--out'], { cwd: dir })
    expect(value.stderr).toContain('Option `--out` of `brief build` needs a value')
    expect((await briefHere(['chek'], { cwd: dir })).stderr).toContain('Unknown command `chek` (did you mean `check`?)')
    const command = await briefHere(['publish'], { cwd: dir })
    expect(command.code).toBe(2)
    expect(command.stderr).toContain('Unknown command `publish`')
  })

  it('exits 2 on a bad brief.config.yaml, naming the line and the key', async () => {
    writeFileSync(path.join(dir, 'brief.config.yaml'), 'name: ISSI\nwebsite: www.issi.org.pk\n')
    const run = await briefHere(['build'], { cwd: dir })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('brief.config.yaml:2:1  error  Unknown key `website` in brief.config.yaml')
    expect(run.stderr).toContain('Did you mean `web`?')
  })

  it('prints help and version', () => {
    expect(brief(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version)
    const help = brief(['build', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: brief build')
  })

  it('documents every flag each command takes, from the one definition that parses it', async () => {
    for (const name of ['build', 'check', 'bib', 'new', 'watch']) {
      const { command } = (await import(`../src/commands/${name}.ts`)) as { command: import('../src/commands/command.ts').Command }
      const help = await briefHere([name, '--help'])
      expect(help.stdout).toBe(command.help)
      const listed = [...new Set(help.stdout.match(/^ {2}(?:-h, )?--[a-z][\w-]*/gm)!.map((f) => f.replace(/^ {2}(?:-h, )?/, '')))]
      expect(listed.sort()).toEqual([...command.flags, '--help'].sort())
      // A misspelt flag is answered with the nearest one the command takes.
      const wrong = await briefHere([name, `${command.flags[0]!}x`])
      expect(wrong.code).toBe(2)
      expect(wrong.stderr).toContain(`did you mean \`${command.flags[0]}\``)
    }
  })
})

describe('progress', () => {
  const paths = ['note-basic', 'note-ibid', 'note-subsequent'].map((f) => fixture(f))
  const run = async (isTTY: boolean, extra: string[] = []) => {
    const { command } = await import('../src/commands/build.ts')
    const out = mkdtempSync(path.join(tmpdir(), 'brief-progress-'))
    let stderr = ''
    const code = await command.run([...paths, '--format', 'html', '--out', out, ...extra], { stdout: { write: () => true }, stderr: { write: (c: string) => (stderr += c), isTTY, columns: 60 } })
    return { code, stderr, out }
  }

  it('draws a progress bar on a terminal, within its width, and lists only what it built', async () => {
    const { code, stderr, out } = await run(true, ['--jobs', '2'])
    expect(code).toBe(0)
    const bars = stderr.split('\r\u001b[2K').filter((s) => s.startsWith('['))
    expect(bars[0]).toMatch(/^\[░{20}\] 0\/3 {2}building note-basic$/)
    expect(bars.some((b) => /\] [12]\/3 {2}building/.test(b))).toBe(true)
    expect(bars.every((b) => b.length <= 59)).toBe(true)
    expect(stderr).toMatch(/note-ibid: built .*note-ibid\.html/)
    expect(stderr).toMatch(/3 built, 0 up to date, 0 failed in/)
    // Again, unchanged: nothing is listed one by one on a terminal, the summary counts them.
    let again = ''
    const { command } = await import('../src/commands/build.ts')
    await command.run([...paths, '--format', 'html', '--out', out], { stdout: { write: () => true }, stderr: { write: (c: string) => (again += c), isTTY: true } })
    expect(again).not.toContain('up to date\n')
    expect(again).toMatch(/0 built, 3 up to date, 0 failed in/)
  })

  it('writes one plain line per brief when not on a terminal', async () => {
    const { stderr } = await run(false)
    expect(stderr).not.toContain('\u001b')
    // Briefs built side by side (--jobs) are listed as they finish, in any order.
    const lines = stderr.trim().split('\n')
    expect([...lines.slice(0, 3).sort(), ...lines.slice(3)]).toEqual([
      expect.stringMatching(/^note-basic: built /),
      expect.stringMatching(/^note-ibid: built /),
      expect.stringMatching(/^note-subsequent: built /),
      expect.stringMatching(/^3 built, 0 up to date, 0 failed in [\d.]+ s$/),
    ])
  })

  it('prints each brief\u2019s stage times and the run\u2019s with --timings', async () => {
    const { stderr } = await run(false, ['--timings'])
    expect(stderr).toMatch(/note-basic: built .*\n {2}parse \d+ ms · front matter, images \d+ ms · .*sources \d+ ms · .*citations \d+ ms · web page \d+ ms · write \d+ ms\n/)
    expect(stderr).toMatch(/\nrun: start-up \d+ ms · checks, build record \d+ ms · loading the pipeline \d+ ms · total \d+ ms\n$/)
  })

  it('exits 130, not 0, when Ctrl-C comes after the last brief is written', async () => {
    const { main } = await import('../src/cli.ts')
    const controller = new AbortController()
    let stderr = ''
    const out = mkdtempSync(path.join(tmpdir(), 'brief-late-ctrl-c-'))
    const stream = { write: (c: string) => ((stderr += c), c.startsWith('note-basic: built') && controller.abort(), true) }
    const code = await main(['build', paths[0]!, '--format', 'html', '--out', out], { stdout: { write: () => true }, stderr: stream, signal: controller.signal })
    expect(code).toBe(130)
    expect(stderr).toContain('Interrupted; no partial files were left.')
    // The brief was written whole before the interruption: all new, nothing half-written.
    expect(readdirSync(out).filter((f) => !f.startsWith('.'))).toEqual(['note-basic.html'])
  })

  it('refuses a --jobs that is not a whole number of briefs', async () => {
    const result = await briefHere(['build', '--jobs', '0'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--jobs must be a whole number of briefs, 1 or more, got `0`')
  })
})
