/**
 * Each fixture case built to HTML once per test run, by whichever test file asks first: the
 * fixtures' expectations (fixtures.test.ts) and the oracle (oracle.test.ts) read the same page.
 * The build runs in a folder of the run (`setup` below, Vitest's global setup); a test file in
 * another process that asks meanwhile waits for it, then reads its page and its messages. The
 * case is staged and built as `brief build <case> --format html` would, from its own folder
 * (no brief.config.yaml: the house style, as with the repository's configuration).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { VFileMessage } from 'vfile-message'
import { inject } from 'vitest'
import type { TestProject } from 'vitest/node'
import { stageFixture } from './fixtures.ts'

export interface FixtureBuild {
  /** The staged case: the brief's folder, and the folder its messages are relative to. */
  staged: string
  /** The output folder: the page, `<case>.html`, and the build's record. */
  out: string
  ok: boolean
  messages: VFileMessage[]
}

type Saved = { staged: string; out: string; ok: boolean; messages: Array<Pick<VFileMessage, 'file' | 'line' | 'column' | 'fatal' | 'reason' | 'ruleId' | 'source' | 'note'>> } | { error: string }

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's folder of fixture builds (`setup` below). */
    fixtureBuilds: string
  }
}

let ownFolder: string | undefined
const builds = new Map<string, Promise<FixtureBuild>>()

/** Fixture `name` built to HTML, once in this run. */
export function builtFixture(name: string): Promise<FixtureBuild> {
  let built = builds.get(name)
  if (!built) {
    built = buildOnce(name)
    builds.set(name, built)
  }
  return built
}

async function buildOnce(name: string): Promise<FixtureBuild> {
  const folder = path.join(inject('fixtureBuilds') ?? (ownFolder ??= mkdtempSync(path.join(tmpdir(), 'brief-fixture-builds-'))), name)
  const done = path.join(folder, 'build.json')
  try {
    mkdirSync(folder, { recursive: false })
  } catch {
    // Another test file's process builds it: wait for its result.
    for (let waited = 0; !existsSync(done); waited += 50) {
      if (waited > 120_000) throw new Error(`The build of fixture ${name} in ${folder} did not end within 120 s`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return revive(JSON.parse(readFileSync(done, 'utf8')) as Saved)
  }
  let saved: Saved
  try {
    const staged = stageFixture(name, path.join(folder, 'in'))
    const out = path.join(folder, 'out')
    // Loaded here, not at the top: Vitest's main process reads this file for `setup`.
    const { build } = await import('../../src/core/build.ts')
    const report = await build({ paths: [staged], out, formats: ['html'], cwd: staged })
    const messages = report.briefs[0]!.messages.map(({ file, line, column, fatal, reason, ruleId, source, note }) => ({ file, line, column, fatal, reason, ruleId, source, note }))
    saved = { staged, out, ok: report.ok, messages }
  } catch (error) {
    saved = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  }
  writeFileSync(`${done}.tmp`, JSON.stringify(saved))
  renameSync(`${done}.tmp`, done)
  return revive(saved)
}

function revive(saved: Saved): FixtureBuild {
  if ('error' in saved) throw new Error(`The build of a fixture failed: ${saved.error}`)
  const messages = saved.messages.map((m) => {
    const message = new VFileMessage(m.reason, { place: m.line === undefined || m.line === null ? undefined : { line: m.line, column: m.column ?? 1 }, ruleId: m.ruleId ?? undefined, source: m.source ?? undefined })
    message.fatal = m.fatal
    if (m.file) message.file = m.file
    if (m.note) message.note = m.note
    return message
  })
  return { staged: saved.staged, out: saved.out, ok: saved.ok, messages }
}

/** Vitest's global setup: the run's folder of fixture builds, removed when the run ends. */
export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(path.join(tmpdir(), 'brief-fixture-builds-'))
  project.provide('fixtureBuilds', folder)
  return () => rmSync(folder, { recursive: true, force: true })
}
