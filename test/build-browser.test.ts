/**
 * `build({ browser })`: a build given a browser already running prints its PDFs there, launches
 * none of its own, and leaves that browser running for the next build, even one cancelled.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { build } from '../src/core/build.ts'
import { BrowserSession } from '../src/render/print/browser.ts'
import { repo } from './helpers/cli.ts'
import { fixture } from './helpers/fixtures.ts'

type Inside = { browser: { connected: boolean; process(): { pid?: number } | null } }
const browserOf = (session: BrowserSession) => (session as unknown as Inside).browser

describe('a build given a browser', () => {
  let session: BrowserSession | undefined
  afterAll(() => session?.close())
  afterEach(() => vi.restoreAllMocks())

  it('prints in it, launches none, and leaves it running for the next build', async () => {
    session = await BrowserSession.launch()
    const pid = browserOf(session).process()?.pid
    const launch = vi.spyOn(BrowserSession, 'launch')
    const out = mkdtempSync(path.join(tmpdir(), 'brief-given-browser-'))
    for (const name of ['note-basic', 'note-call-spaces']) {
      const report = await build({ paths: [fixture(name)], out, formats: ['pdf'], cwd: repo, browser: session })
      expect(report.ok).toBe(true)
      expect(existsSync(report.briefs[0]!.outputs[0]!)).toBe(true)
      expect(report.timings['browser start (beside the rest)']).toBeUndefined()
    }
    expect(launch).not.toHaveBeenCalled()
    expect(browserOf(session).connected).toBe(true)
    expect(browserOf(session).process()?.pid).toBe(pid)
    expect(session.restarts).toBe(0)
  })

  it('leaves it running when the build is cancelled', async () => {
    session ??= await BrowserSession.launch()
    const out = mkdtempSync(path.join(tmpdir(), 'brief-given-browser-'))
    const controller = new AbortController()
    controller.abort()
    await expect(build({ paths: [fixture('note-basic')], out, formats: ['pdf'], cwd: repo, force: true, browser: session, signal: controller.signal })).rejects.toThrow()
    expect(browserOf(session).connected).toBe(true)
    const again = await build({ paths: [fixture('note-basic')], out, formats: ['pdf'], cwd: repo, browser: session })
    expect(again.ok).toBe(true)
  })
})
