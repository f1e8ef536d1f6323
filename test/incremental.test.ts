/**
 * Incremental batch builds: unchanged briefs are skipped, a changed shared bibliography
 * rebuilds exactly the briefs that use it, a changed SOURCE_DATE_EPOCH rebuilds them all, and
 * nothing stale survives a change.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildReport } from '../src/core/build.ts'
import { briefHere, repo } from './helpers/cli.ts'
import { writeGeneratedBrief } from './helpers/generated.ts'
import { sharedFolder } from './helpers/fixtures.ts'
import { setEnv } from './helpers/env.ts'
import { faults } from './helpers/fs-faults.ts'

const count = 12
const root = mkdtempSync(path.join(tmpdir(), 'brief-incremental-'))
const shared = path.join(root, 'briefs', 'shared')
const out = path.join(root, 'out')
const library = path.join(sharedFolder, 'references-styles.json')
/** Briefs 0–3 cite from a.json, the others from b.json (two copies of one library). */
const usesA = (i: number) => i < 4
const name = (i: number) => `brief-${String(i).padStart(2, '0')}`

/** The briefs share one folder, as .md files; named one by one (the folder finds the same ones). */
const paths = () => Array.from({ length: count }, (_, i) => path.join(shared, `${name(i)}.md`))
const run = (extra: { force?: boolean } = {}) => build({ paths: paths(), out, formats: ['html', 'epub'], cwd: repo, ...extra })
const rebuilt = (report: BuildReport) => report.briefs.filter((r) => !r.skipped).map((r) => r.brief.slug).sort()

beforeAll(() => {
  // All briefs in one folder, sharing two bibliography files and one image.
  const scratch = path.join(root, 'scratch')
  mkdirSync(shared, { recursive: true })
  for (const file of ['a.json', 'b.json']) copyFileSync(library, path.join(shared, file))
  for (let i = 0; i < count; i++) {
    // Short (four blocks): what is rebuilt depends on a brief's inputs, not its length.
    const { folder } = writeGeneratedBrief(scratch, 20261200 + i, library, path.join(repo, 'test/fixtures/layout-elements/map.png'), 4)
    const text = readFileSync(path.join(folder, 'brief.md'), 'utf8').replace('bibliography: references.json', `bibliography: ${usesA(i) ? 'a' : 'b'}.json`)
    if (i === 0) copyFileSync(path.join(folder, 'figure.png'), path.join(shared, 'figure.png'))
    writeFileSync(path.join(shared, `${name(i)}.md`), text)
  }
  rmSync(scratch, { recursive: true })
})

describe('incremental builds', () => {
  let first: BuildReport
  it('builds every brief the first time', async () => {
    first = await run()
    expect(first.ok).toBe(true)
    expect(first.briefs).toHaveLength(count)
    expect(rebuilt(first)).toHaveLength(count)
  }, 240_000)

  it('skips all of them the second time, listing their outputs all the same', async () => {
    const second = await run()
    expect(second.ok).toBe(true)
    expect(rebuilt(second)).toEqual([])
    expect(second.briefs.every((r) => r.outputs.length === 2)).toBe(true)
  }, 60_000)

  it('finds the outputs unchanged from their stamps, without reading them', async () => {
    // Every file the build opens is noted (test/helpers/fs-faults.ts); an output read would
    // be one of them. A batch of 500 briefs has some 300 MB of outputs.
    faults.opened = []
    expect(rebuilt(await run())).toEqual([])
    expect(faults.opened.filter((file) => file.startsWith(out))).toEqual([])
    expect(faults.opened.filter((file) => file.endsWith('.md'))).toHaveLength(count)
  }, 60_000)

  it('rebuilds exactly the briefs whose shared bibliography changed, with the change in their notes', async () => {
    const file = path.join(shared, 'a.json')
    const items = JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; title?: string }>
    for (const item of items) item.title = `${item.title} (revised edition)`
    writeFileSync(file, JSON.stringify(items, null, 2))
    const report = await run()
    expect(rebuilt(report)).toEqual(Array.from({ length: 4 }, (_, i) => name(i)))
    const html = readFileSync(path.join(out, `${name(0)}.html`), 'utf8')
    expect(html).toContain('(revised edition)')
    expect(readFileSync(path.join(out, `${name(4)}.html`), 'utf8')).not.toContain('(revised edition)')
  }, 120_000)

  it('rebuilds a brief whose Markdown changed, but not one merely touched', async () => {
    const file = path.join(shared, `${name(5)}.md`)
    const text = readFileSync(file, 'utf8')
    writeFileSync(path.join(shared, `${name(6)}.md`), readFileSync(path.join(shared, `${name(6)}.md`)))
    writeFileSync(file, text.replace('title: Generated brief', 'title: Retitled brief'))
    expect(rebuilt(await run())).toEqual([name(5)])
  }, 60_000)

  it('rebuilds a brief whose output was deleted or edited', async () => {
    unlinkSync(path.join(out, `${name(8)}.epub`))
    writeFileSync(path.join(out, `${name(9)}.html`), 'edited by hand')
    expect(rebuilt(await run())).toEqual([name(8), name(9)])
  }, 60_000)

  it('rebuilds a brief whose output was edited with its size and modification time kept', async () => {
    const file = path.join(out, `${name(11)}.html`)
    const { size, mtimeNs } = statSync(file, { bigint: true })
    const text = readFileSync(file, 'utf8')
    writeFileSync(file, text.replace('<main', '<MAIN'))
    // The modification time set back to the nanosecond (touch takes it as seconds.nanoseconds).
    execFileSync('touch', ['-m', '-d', `@${mtimeNs / 1_000_000_000n}.${String(mtimeNs % 1_000_000_000n).padStart(9, '0')}`, file])
    expect(statSync(file, { bigint: true })).toMatchObject({ size, mtimeNs })
    expect(rebuilt(await run())).toEqual([name(11)])
    expect(readFileSync(file, 'utf8')).toBe(text)
  }, 60_000)

  it('tries a failed brief again on the next run, and keeps its previous outputs meanwhile', async () => {
    const file = path.join(shared, `${name(10)}.md`)
    const good = readFileSync(file, 'utf8')
    const before = readFileSync(path.join(out, `${name(10)}.html`), 'utf8')
    writeFileSync(file, good.replace(/@\w+/, '@nosuchkey2099'))
    const broken = await run()
    expect(broken.ok).toBe(false)
    expect(broken.briefs.filter((r) => !r.ok).map((r) => r.brief.slug)).toEqual([name(10)])
    expect(readFileSync(path.join(out, `${name(10)}.html`), 'utf8')).toBe(before)
    writeFileSync(file, good)
    const fixed = await run()
    expect(fixed.ok).toBe(true)
    expect(rebuilt(fixed)).toEqual([name(10)])
  }, 60_000)

  it('says a skipped brief\'s warnings again, at their places', async () => {
    const file = path.join(shared, `${name(7)}.md`)
    writeFileSync(file, readFileSync(file, 'utf8') + '\n![Remote map](https://example.org/map.png)\n')
    const warned = (report: BuildReport) =>
      report.briefs.find((r) => r.brief.slug === name(7))!.messages.map((m) => `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}`)
    const built = await run()
    expect(rebuilt(built)).toEqual([name(7)])
    expect(warned(built)).toHaveLength(1)
    const skipped = await run()
    expect(rebuilt(skipped)).toEqual([])
    expect(warned(skipped)).toEqual(warned(built))
    expect(skipped.briefs.find((r) => r.brief.slug === name(7))!.messages[0]!.file).toBe(file)
  }, 60_000)

  it('rebuilds a brief for a format it has not been built in', async () => {
    const report = await build({ paths: [path.join(shared, `${name(3)}.md`), path.join(shared, `${name(4)}.md`)], out, formats: ['html'], cwd: repo })
    expect(rebuilt(report)).toEqual([])
    expect(report.briefs[0]!.outputs.map((o) => path.extname(o))).toEqual(['.html'])
  }, 60_000)

  it('--force rebuilds everything; the command prints a line per brief and a summary', async () => {
    // Four of the briefs: the command's lines and summary are the same for any number.
    const some = paths().slice(0, 4)
    const forced = await briefHere(['build', ...some, '--out', out, '--format', 'html', '--force'])
    expect(forced.code).toBe(0)
    expect(forced.stderr).toMatch(new RegExp(`^${some.length} built, 0 up to date, 0 failed in \\d+\\.\\d s$`, 'm'))
    const again = await briefHere(['build', ...some, '--out', out, '--format', 'html', '--json'])
    expect(again.code).toBe(0)
    const data = JSON.parse(again.stdout) as { briefs: Array<{ skipped: boolean; time: number }> }
    expect(data.briefs.every((b) => b.skipped)).toBe(true)
    const plain = await briefHere(['build', ...some, '--out', out, '--format', 'html'])
    expect(plain.stderr).toContain(`${name(0)}: up to date`)
    expect(plain.stderr).toMatch(new RegExp(`^0 built, ${some.length} up to date, 0 failed in`, 'm'))
  }, 180_000)

  it('finds the same briefs, under the same names and records, when given their folder', async () => {
    const report = await build({ paths: [shared], out, formats: ['html'], cwd: repo })
    expect(report.briefs.map((r) => r.brief.slug).sort()).toEqual(Array.from({ length: count }, (_, i) => name(i)))
    expect(rebuilt(report)).toEqual([])
  }, 60_000)

  it('rebuilds every brief when SOURCE_DATE_EPOCH changes, and none when it stays the same', async () => {
    // Three of the briefs, built as the others are: the date is an input of every brief alike.
    const some = paths().slice(0, 3)
    const runSome = () => build({ paths: some, out, formats: ['html', 'epub'], cwd: repo })
    const restore = setEnv({ SOURCE_DATE_EPOCH: '1767225600' })
    try {
      expect(rebuilt(await runSome())).toHaveLength(some.length)
      expect(rebuilt(await runSome())).toEqual([])
      setEnv({ SOURCE_DATE_EPOCH: '1767312000' })
      expect(rebuilt(await runSome())).toHaveLength(some.length)
      setEnv({ SOURCE_DATE_EPOCH: undefined })
      expect(rebuilt(await runSome())).toHaveLength(some.length)
      expect(rebuilt(await runSome())).toEqual([])
    } finally {
      restore()
    }
  }, 240_000)
})
