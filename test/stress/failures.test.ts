/**
 * Failures leave nothing behind, tried on real processes: a browser past its deadline, Ctrl-C,
 * our process killed outright (kill -9), the browser killed mid-batch, a paginator that throws,
 * and Chromium's own network log while a PDF is built; and, in this process, a browser killed
 * just before the session asks it for a page. Each spawns `brief` and waits on real
 * time (a timeout, a signal, a kill), so they run in the long run beside leaks.test.ts; they
 * were 15 CPU-s of `npm test` (test/safety.test.ts keeps the hostile brief's tests).
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'puppeteer-core'
import { describe, expect, it, vi } from 'vitest'
import { BrowserSession } from '../../src/render/print/browser.ts'
import { brief, exampleProject, repo, seed } from '../helpers/cli.ts'
import { browserMainPid, chromiumCount, countAfterExit, privateTmp, rendererRunning, sleep } from '../helpers/processes.ts'

describe('failures leave nothing behind', () => {
  it('keeps the earlier PDF byte-identical and no Chromium running when the browser times out, saying what the page logged', async () => {
    const dir = exampleProject('brief-timeout-')
    expect(brief(['build', '--format', 'pdf'], { cwd: dir }).code).toBe(0)
    const target = path.join(dir, 'output', `${seed}.pdf`)
    const before = readFileSync(target)
    const marker = privateTmp()
    // A paginator that never finishes: the Markdown stage ends well inside the time, the
    // browser then uses up what is left of it.
    const paginator = path.join(dir, 'endless-paginator.js')
    writeFileSync(paginator, "// lays out nothing and never says it is done, after logging an error as Paged.js does\nconsole.error('chunker stalled: boom')\n")
    const run = brief(['build', '--force', '--format', 'pdf', '--timeout', '4'], { cwd: dir, env: { TMPDIR: marker, BRIEF_PAGINATOR: paginator } })
    expect(run.code).toBe(1)
    // The error the page logged is forwarded: it is the likely reason for the stall.
    expect(run.stderr).toContain('the browser did not finish within 4 s (the time for the whole brief); the page logged: chunker stalled: boom')
    expect(readFileSync(target).equals(before)).toBe(true)
    expect(readdirSync(path.join(dir, 'output')).filter((n) => !n.startsWith('.'))).toEqual([`${seed}.pdf`])
    expect(await countAfterExit(0, marker)).toBe(0)
  })

  it('stops on Ctrl-C with exit code 130, closes the browser and leaves no partial file', async () => {
    const dir = exampleProject('brief-sigint-', ['a', 'b', 'c'])
    const marker = privateTmp()
    const child = spawn(process.execPath, [path.join(repo, 'bin/brief.js'), 'build', '--format', 'pdf'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', TMPDIR: marker } })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    // Wait until the browser is up, then interrupt.
    for (let i = 0; i < 200 && chromiumCount(marker) === 0; i++) await sleep(50)
    expect(chromiumCount(marker)).toBeGreaterThan(0)
    child.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    expect(code, stderr).toBe(130)
    expect(await countAfterExit(0, marker)).toBe(0)
    const out = path.join(dir, 'output')
    const left = existsSync(out) ? readdirSync(out).filter((n) => !n.startsWith('.')) : []
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([])
    // Every temporary folder of ours is gone too.
    expect(readdirSync(marker)).toEqual([])
  })

  it('takes the browser with it when killed outright (kill -9), and the next run removes what was left', async () => {
    const dir = exampleProject('brief-sigkill-', ['a', 'b', 'c'])
    const marker = privateTmp()
    const child = spawn(process.execPath, [path.join(repo, 'bin/brief.js'), 'build', '--format', 'pdf'], { cwd: dir, env: { ...process.env, TMPDIR: marker } })
    for (let i = 0; i < 200 && chromiumCount(marker) === 0; i++) await sleep(50)
    expect(chromiumCount(marker)).toBeGreaterThan(0)
    child.kill('SIGKILL')
    await new Promise((resolve) => child.on('exit', resolve))
    // Chromium reads its commands from a pipe: it exits when we do, crash handlers included.
    expect(await countAfterExit(0, marker)).toBe(0)
    const left = readdirSync(marker)
    expect(left.length).toBeGreaterThan(0)
    expect(left.every((name) => name.startsWith(`issi-briefs-${child.pid}-`))).toBe(true)
    // The next run that starts a browser sweeps the folders of runs that are gone.
    expect(brief(['build', 'briefs/a', '--format', 'pdf'], { cwd: dir, env: { TMPDIR: marker } }).code).toBe(0)
    expect(readdirSync(marker)).toEqual([])
  }, 60_000)

  it('goes on in a new browser when the browser is killed mid-batch, reporting only the brief it was laying out', async () => {
    const dir = exampleProject('brief-crash-', ['a', 'b', 'c', 'd'])
    const marker = privateTmp()
    const child = spawn(process.execPath, [path.join(repo, 'bin/brief.js'), 'build', '--format', 'pdf', '--jobs', '1'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', TMPDIR: marker } })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    // Once a page is being laid out, after the first brief (so the kill falls in a brief's
    // layout, not in the browser's start), kill the browser's main process.
    for (let i = 0; i < 800 && !/^a: built/m.test(stderr); i++) await sleep(25)
    for (let i = 0; i < 400 && !rendererRunning(marker); i++) await sleep(25)
    process.kill(browserMainPid(marker), 'SIGKILL')
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    const built = readdirSync(path.join(dir, 'output')).filter((f) => f.endsWith('.pdf'))
    const failed = stderr.match(/the browser stopped \(it crashed or was killed\) while laying out this brief/g) ?? []
    // The brief being laid out is reported (exit 1) and every other one is built.
    expect(failed.length, stderr).toBeLessThanOrEqual(1)
    expect(built.length + failed.length, stderr).toBe(4)
    expect(built).toContain('a.pdf')
    expect(code).toBe(failed.length ? 1 : 0)
    expect(await countAfterExit(0, marker)).toBe(0)
    expect(readdirSync(marker)).toEqual([])
  }, 90_000)

  it('reports a script error in the paginator at once with its message, not as a timeout', () => {
    const dir = exampleProject('brief-pageerror-')
    // A paginator that fails as a bug in it would: an error thrown while it lays out.
    const paginator = path.join(dir, 'failing-paginator.js')
    writeFileSync(paginator, "setTimeout(() => { throw new Error('boom in the paginator') }, 10)\n")
    const started = performance.now()
    const run = brief(['build', '--format', 'pdf', '--timeout', '60'], { cwd: dir, env: { BRIEF_PAGINATOR: paginator } })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('error  The paginator stopped with an error in the page: boom in the paginator  [browser]')
    expect(run.stderr).toContain('a longer --timeout will not help')
    expect(performance.now() - started).toBeLessThan(30_000)
    expect(existsSync(path.join(dir, 'output', `${seed}.pdf`))).toBe(false)
  })

  it('resolves no host name and opens no connection in Chromium while building a PDF (its own net log says so)', () => {
    const dir = exampleProject('brief-netlog-')
    const log = path.join(dir, 'netlog.json')
    const run = brief(['build', '--format', 'pdf'], { cwd: dir, env: { BRIEF_CHROME_ARGS: `--log-net-log=${log} --net-log-capture-mode=Everything` } })
    expect(run.code, run.stderr).toBe(0)
    const netlog = JSON.parse(readFileSync(log, 'utf8').replace(/,\s*$/, ']}')) as { constants: { logEventTypes: Record<string, number> }; events: Array<{ type: number; params?: { host?: string; url?: string } }> }
    const types = Object.fromEntries(Object.entries(netlog.constants.logEventTypes).map(([name, id]) => [id, name]))
    expect(netlog.events.length).toBeGreaterThan(0)
    // Chromium still tries a sign-in check and a Google request of its own at start-up (no
    // flag of this version stops them); every host name it asks for is mapped to "not found",
    // so no name is looked up and no connection is opened.
    const lookups = netlog.events.filter((e) => /^HOST_RESOLVER_(MANAGER|DNS)_(REQUEST|JOB)$/.test(types[e.type] ?? '') && e.params?.host)
    expect(lookups.map((e) => e.params!.host).filter((host) => !/~notfound$/i.test(host!))).toEqual([])
    // (A UDP "connect" is not counted: Chromium connects a UDP socket to a public address to
    // learn which local address it would use, which sends no packet.)
    const connects = netlog.events.filter((e) => /^TCP_CONNECT$|^SSL_CONNECT$|^QUIC_SESSION$|^SOCKS_CONNECT$/.test(types[e.type] ?? ''))
    expect(connects).toEqual([])
    // And the page itself asks for nothing on the network.
    const pageRequests = netlog.events.filter((e) => types[e.type] === 'URL_REQUEST_START_JOB' && /^(https?|wss?):/.test(e.params?.url ?? '') && !/google\.com\//.test(e.params!.url!))
    expect(pageRequests.map((e) => e.params!.url)).toEqual([])
  })
})

describe('a browser session whose browser was killed', () => {
  it('starts the browser again when it is killed between the check and the new page, and the work goes on', async () => {
    const own = await BrowserSession.launch()
    try {
      const inside = own as unknown as { browser: { connected: boolean; process(): { kill(signal: string): void } | null }; takePage(browser: unknown): Promise<Page> }
      const takePage = inside.takePage.bind(own)
      let killed = false
      // The first page is asked for just after the browser died: ensureRunning saw it alive.
      vi.spyOn(inside, 'takePage').mockImplementation(async (browser) => {
        if (!killed) {
          killed = true
          inside.browser.process()!.kill('SIGKILL')
          for (let i = 0; i < 200 && inside.browser.connected; i++) await new Promise((r) => setTimeout(r, 25))
        }
        return takePage(browser)
      })
      const text = await own.withPage(async (page) => {
        await page.setContent('<p>after the restart</p>')
        return page.evaluate(() => document.body.textContent)
      }, { deadline: 30_000, label: 'restart' })
      expect(killed).toBe(true)
      expect(text).toBe('after the restart')
      expect(own.restarts).toBe(1)
    } finally {
      await own.close()
    }
  })})
