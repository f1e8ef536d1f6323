/**
 * The parse worker pool (src/pipeline/parsers.ts): one per process, whose idle worker the next
 * build or save takes instead of starting another (from the sources a start costs about 0.3 s),
 * while a parse held up by the brief's shape is still ended by the deadline or a signal and its
 * worker replaced.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { VFile } from 'vfile'
import { describe, expect, it, vi } from 'vitest'
import { Deadline, DeadlineExceeded } from '../src/brief/deadline.ts'
import { locate } from '../src/brief/paths.ts'
import { build } from '../src/core/build.ts'
import { Preview } from '../src/core/preview.ts'
import { ParserPool, sharedParsers } from '../src/pipeline/parsers.ts'
import { repo } from './helpers/cli.ts'

const root = mkdtempSync(path.join(tmpdir(), 'brief-parsers-'))

function brief(name: string, body: string): string {
  const folder = path.join(root, name)
  mkdirSync(folder, { recursive: true })
  writeFileSync(path.join(folder, 'brief.md'), `---\ntitle: ${name}\n---\n\n${body}\n`)
  return folder
}

// Within the limits, but seconds of parsing: 400 runs of divs 90 deep (as test/stress/deadlines.test.ts).
const slowParse = ('::: note\n'.repeat(90) + 'x\n' + ':::\n'.repeat(90) + '\n').repeat(400)

describe('the parse worker pool', () => {
  it('parses every build and preview of one process in the same worker', async () => {
    const pool = sharedParsers()
    pool.warm()
    const started = pool.started
    const parse = vi.spyOn(pool, 'parse')
    try {
      const folder = brief('reused', 'One paragraph.')
      for (const out of ['out-1', 'out-2']) {
        const report = await build({ paths: [folder], out: path.join(root, out), formats: ['html'], cwd: repo, isolate: true })
        expect(report.ok).toBe(true)
      }
      const preview = new Preview({ brief: locate(path.join(folder, 'brief.md')), cwd: repo, sharedFolders: [], isolate: true })
      try {
        await preview.start()
        await preview.idle()
        expect(preview.state.web.messages).toEqual([])
      } finally {
        await preview.close()
      }
      expect(parse).toHaveBeenCalledTimes(3)
      expect(pool.started).toBe(started)
    } finally {
      parse.mockRestore()
    }
  })

  it('ends a parse at its deadline or its signal and starts a new worker for the next parse', async () => {
    const pool = new ParserPool()
    try {
      await expect(pool.parse(new VFile(slowParse), { deadline: new Deadline(200) })).rejects.toThrow(DeadlineExceeded)
      expect(pool.started).toBe(1)
      const stop = new AbortController()
      setTimeout(() => stop.abort(new Error('a newer save')), 200)
      await expect(pool.parse(new VFile(slowParse), { signal: stop.signal })).rejects.toThrow('a newer save')
      expect(pool.started).toBe(2)
      expect((await pool.parse(new VFile('After *both*.'))).children[0]).toMatchObject({ type: 'paragraph' })
      expect(pool.started).toBe(3)
      expect((await pool.parse(new VFile('And again.'))).children[0]).toMatchObject({ type: 'paragraph' })
      expect(pool.started).toBe(3)
    } finally {
      await pool.close()
    }
  })

  it('lets the process end once its parse is done: an idle worker does not hold it open', async () => {
    // A command ends when it has nothing left to do (it never calls process.exit): the worker
    // left idle for the next build must not keep it running (it would, to the timeout).
    const script = `const { sharedParsers } = await import(${JSON.stringify(path.join(repo, 'src/pipeline/parsers.ts'))}); const { VFile } = await import('vfile'); void sharedParsers().parse(new VFile('# Heading')).then((tree) => console.log(tree.children[0].type))`
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repo, timeout: 30_000, encoding: 'utf8' })
    expect(run.stdout).toBe('heading\n')
  })
})
