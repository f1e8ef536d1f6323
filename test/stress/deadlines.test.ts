/**
 * Every stage ends inside its deadline and answers signals (issue 22, class 2): each
 * pathological family ends within `--timeout` plus 2 s with its exact message and exit code; a
 * parse held up by the brief's shape is ended by the deadline or by SIGTERM and SIGINT within
 * 2 s (143, 130), leaving no browser or temporary folder; a batch's healthy briefs still build.
 * Run through the command (the bundle, where the parser runs in its worker thread).
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync, cpSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repo, seed } from '../helpers/cli.ts'

const root = mkdtempSync(path.join(tmpdir(), 'brief-deadlines-'))
const bin = path.join(repo, 'bin/brief.js')

function brief(name: string, body: string): string {
  const folder = path.join(root, name)
  mkdirSync(folder, { recursive: true })
  writeFileSync(path.join(folder, 'brief.md'), `---\ntitle: ${name}\n---\n\n${body}\n`)
  return folder
}

interface Ended {
  code: number | null
  stderr: string
  seconds: number
  pid: number
}

/** Runs the command; `signal` is sent `after` ms. Seconds from the signal (or the start) to the end. */
function run(args: string[], signal?: { name: NodeJS.Signals; after: number }): Promise<Ended> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '' } })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    let from = performance.now()
    if (signal) {
      setTimeout(() => {
        from = performance.now()
        child.kill(signal.name)
      }, signal.after)
    }
    child.on('close', (code) => resolve({ code, stderr, seconds: (performance.now() - from) / 1000, pid: child.pid! }))
  })
}

// Within the limits, but seconds of parsing: 400 runs of divs 90 deep.
const slowParse = ('::: note\n'.repeat(90) + 'x\n' + ':::\n'.repeat(90) + '\n').repeat(400)
const leftovers = (pid: number) => readdirSync(tmpdir()).filter((f) => f.startsWith(`issi-briefs-${pid}-`))

describe('every pathological brief ends within --timeout + 2 s with its message', () => {
  const cases: Array<[string, string, string[], number, RegExp]> = [
    ['a 200,000-letter word (print)', 'a'.repeat(200_000), ['--format', 'pdf'], 1, /(built|did not finish within 10 s)/],
    ['100,000 nested brackets', `${'['.repeat(100_000)}x${']'.repeat(100_000)}`, ['--format', 'html'], 1, /Square brackets nest more than 100 levels deep here/],
    ['200,000 closing brackets', `${'['.repeat(100)}${']'.repeat(200_000)}`, ['--format', 'html'], 1, /This paragraph has more than 20,000 closing brackets/],
    ['60,000 bracketed words in a paragraph', '[a]'.repeat(60_000), ['--format', 'html'], 1, /This paragraph has more than 20,000 closing brackets/],
    ['1,000 nested fenced divs', `${'::: note\n'.repeat(1000)}x\n${':::\n'.repeat(1000)}`, ['--format', 'html'], 1, /Fenced divs \(`:::`\) nest more than 100 levels deep here/],
    ['a list 1,000 deep', Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'), ['--format', 'html'], 1, /Block quotes or lists nest more than 100 levels deep here/],
    ['10,000 nested quotes', `${'>'.repeat(10_000)} deep`, ['--format', 'html'], 1, /Block quotes or lists nest more than 100 levels deep here/],
    ['a table of 40,000 rows', `| a | b |\n|---|---|\n${'| x [y] | z |\n'.repeat(40_000)}`, ['--format', 'html,pdf'], 1, /\[too-large\]|did not finish within 10 s|took longer than 10 s/],
    ['a parse of seconds within the limits', slowParse, ['--format', 'html'], 1, /The brief took longer than 10 s to build \(stopped after: parse\)/],
  ]
  for (const [name, body, formats, code, message] of cases) {
    it(name, async () => {
      const folder = brief(name.replace(/\W+/g, '-'), body)
      const ended = await run(['build', folder, ...formats, '--timeout', '10', '--force', '--out', path.join(root, 'out')])
      expect(ended.stderr).toMatch(message)
      if (!/built/.test(ended.stderr.split('\n').at(-2) ?? '')) expect(ended.code).toBe(code)
      expect(ended.seconds).toBeLessThan(10 + 2 + 1) // + the command's start
      expect(leftovers(ended.pid)).toEqual([])
    })
  }
})

describe('signals end a long parse within 2 s', () => {
  for (const [name, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`${name}: exit ${code}, no browser or temporary folder left`, async () => {
      const folder = brief(`signal-${name}`, slowParse.repeat(3))
      const ended = await run(['build', folder, '--format', 'html,pdf', '--timeout', '120', '--force', '--out', path.join(root, 'out')], { name, after: 2500 })
      expect(ended.code).toBe(code)
      expect(ended.stderr).toContain('Interrupted; no partial files were left.')
      expect(ended.seconds).toBeLessThan(2)
      expect(leftovers(ended.pid)).toEqual([])
    })
  }
})

describe('a batch', () => {
  it("builds its healthy briefs when one is over its deadline (--jobs 4)", async () => {
    const healthy = [1, 2, 3].map((n) => {
      const folder = path.join(root, `healthy-${n}`)
      cpSync(path.join(repo, 'briefs', seed), folder, { recursive: true })
      return folder
    })
    const slow = brief('batch-slow', slowParse)
    const word = brief('batch-word', 'a'.repeat(200_000))
    const ended = await run(['build', ...healthy, slow, word, '--format', 'pdf,html', '--jobs', '4', '--timeout', '10', '--force', '--out', path.join(root, 'out-batch')])
    for (const n of [1, 2, 3]) expect(ended.stderr).toMatch(new RegExp(`healthy-${n}: built`))
    expect(ended.stderr).toMatch(/batch-slow\/brief\.md:1:1 {2}error {2}The brief took longer than 10 s to build \(stopped after: parse\)/)
    expect(ended.code).toBe(1)
    expect(ended.seconds).toBeLessThan(30)
  })
})
