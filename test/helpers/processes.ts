/**
 * Chromium processes and temporary folders, for the tests that prove a run leaves none behind.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** Chromium processes on the machine, or only those whose command line mentions `marker`. */
export const chromiumCount = (marker?: string) => {
  try {
    const args = marker ? ['-c', '-f', marker] : ['-c', 'chrom']
    return Number(execFileSync('pgrep', args, { encoding: 'utf8' }).trim())
  } catch {
    return 0 // pgrep exits 1 when nothing matches
  }
}

/**
 * A private temporary folder for one run: Puppeteer puts the browser profile there, so the
 * profile path on Chromium's command line tells this run's processes from any other. Its name
 * is short: a longer TMPDIR would leave no room for Chromium's socket in our folders, and the
 * build would then put them in /tmp instead (src/render/print/browser.ts, `scratchBase`).
 */
export const privateTmp = () => mkdtempSync(path.join(tmpdir(), 'r-'))

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The Chromium count once it stops changing (browsers of earlier tests may still be exiting). */
export async function settledChromiumCount(): Promise<number> {
  let last = chromiumCount()
  for (let i = 0; i < 40; i++) {
    await sleep(150)
    const now = chromiumCount()
    if (now === last) return now
    last = now
  }
  return last
}

/**
 * The count once it falls to `limit` or below, waiting up to 5 s: Chromium's crash reporter
 * outlives the browser by a moment; a process left behind would still be there.
 */
export async function countAfterExit(limit: number, marker?: string): Promise<number> {
  let count = chromiumCount(marker)
  for (let i = 0; i < 50 && count > limit; i++) {
    await sleep(100)
    count = chromiumCount(marker)
  }
  return count
}

/** True while a Chromium of the run whose temporary folder is `marker` is laying out a page. */
export function rendererRunning(marker: string): boolean {
  try {
    return Boolean(execFileSync('pgrep', ['-f', '--', `--type=renderer.*${marker}`], { encoding: 'utf8' }).trim())
  } catch {
    return false // pgrep exits 1 when nothing matches
  }
}

/** The main process of the Chromium of the run whose temporary folder is `marker`. */
export const browserMainPid = (marker: string): number => Number(execFileSync('pgrep', ['-f', '-o', `user-data-dir=${marker}`], { encoding: 'utf8' }).trim().split('\n')[0])
