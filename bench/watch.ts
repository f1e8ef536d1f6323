/**
 * `brief watch`, as an author sees it: the time from saving brief.md to the change showing in
 * an open browser tab (web page), and to the preview's print being up to date again.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import puppeteer from 'puppeteer-core'
import { chromeArgs, findChrome } from '../src/render/print/browser.ts'
import { exampleProject, seed } from '../test/helpers/cli.ts'
import { startWatch } from '../test/helpers/watch.ts'

export interface WatchTimes {
  /** Milliseconds from save to the new text in the open page, one per save. */
  web: number[]
  /** Milliseconds from save to the print view being current. */
  print: number[]
}

export async function timeWatch(saves: number): Promise<WatchTimes> {
  const dir = exampleProject('brief-bench-watch-')
  const file = path.join(dir, 'briefs', seed, 'brief.md')
  const original = readFileSync(file, 'utf8')
  const { child, base } = await startWatch(dir)
  const browser = await puppeteer.launch({ executablePath: findChrome().path, args: chromeArgs })
  try {
    const settled = async () => {
      for (;;) {
        const state = (await (await fetch(`${base}__brief/state`)).json()) as Record<string, { building: boolean; output: boolean }>
        if (state.web!.output && !state.web!.building && !state.print!.building) return
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    await settled()
    const page = await browser.newPage()
    await page.goto(base)
    const times: WatchTimes = { web: [], print: [] }
    for (let i = 0; i < saves; i++) {
      const word = `benchmark${String.fromCharCode(97 + i)}word`
      const start = performance.now()
      writeFileSync(file, original.replace('embarked on a three-day visit', `embarked on a ${word} visit`))
      await page.waitForFunction((w) => document.body.innerText.includes(w), { timeout: 30_000, polling: 10 }, word)
      times.web.push(performance.now() - start)
      await settled()
      times.print.push(performance.now() - start)
      await new Promise((r) => setTimeout(r, 300))
    }
    return times
  } finally {
    await browser.close()
    child.kill('SIGINT')
    await new Promise((r) => child.once('exit', r))
    rmSync(dir, { recursive: true, force: true })
  }
}
