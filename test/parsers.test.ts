/**
 * The parse worker pool (src/pipeline/parsers.ts): one per process, whose idle worker the next
 * build or save takes instead of starting another (from the sources a start costs about 0.3 s),
 * while a parse held up by the brief's shape is still ended by the deadline or a signal and its
 * worker replaced. (That a process ends by itself once its parse is done, the idle worker
 * left for the next build, is tried on a process of its own in the long run:
 * test/stress/parse-worker-exit.test.ts.)
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it, vi } from 'vitest'
import { Deadline, DeadlineExceeded } from '../src/brief/deadline.ts'
import { locate } from '../src/brief/paths.ts'
import { build } from '../src/core/build.ts'
import { Preview } from '../src/core/preview.ts'
import { ParserPool, sharedParsers } from '../src/pipeline/parsers.ts'
import { repo, writeBrief } from './helpers/cli.ts'

const root = mkdtempSync(path.join(tmpdir(), 'brief-parsers-'))

const brief = (name: string, body: string) => writeBrief(root, name, `${body}\n`)

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

})
