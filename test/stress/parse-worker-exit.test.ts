/**
 * The parse worker pool (src/pipeline/parsers.ts) keeps its idle worker for the process's next
 * build without holding the process open: a process that parses once ends by itself. Tried on
 * a process of its own (started through tsx, 1 s), so in the long run.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { repo } from '../helpers/cli.ts'

describe('the parse worker pool', () => {
  it('lets the process end once its parse is done: an idle worker does not hold it open', async () => {
    // A command ends when it has nothing left to do (it never calls process.exit): the worker
    // left idle for the next build must not keep it running (it would, to the timeout).
    const script = `const { sharedParsers } = await import(${JSON.stringify(path.join(repo, 'src/pipeline/parsers.ts'))}); const { VFile } = await import('vfile'); void sharedParsers().parse(new VFile('# Heading')).then((tree) => console.log(tree.children[0].type))`
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repo, timeout: 30_000, encoding: 'utf8' })
    expect(run.stdout).toBe('heading\n')
  })})
