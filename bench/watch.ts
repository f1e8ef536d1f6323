/**
 * `brief watch`, as an author sees it: the time from saving brief.md to the change showing in
 * an open browser tab (web page), and to the preview's print being up to date again.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import puppeteer from 'puppeteer-core'
import { chromeArgs, findChrome } from '../src/render/browser.ts'

export interface WatchTimes {
  /** Milliseconds from save to the new text in the open page, one per save. */
  web: number[]
  /** Milliseconds from save to the print view being current. */
  print: number[]
}

export async function timeWatch(repo: string, seed: string, saves: number): Promise<WatchTimes> {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-bench-watch-'))
  cpSync(path.join(repo, 'brief.config.yaml'), path.join(dir, 'brief.config.yaml'))
  cpSync(path.join(repo, 'briefs', seed), path.join(dir, 'briefs', seed), { recursive: true })
  const file = path.join(dir, 'briefs', seed, 'brief.md')
  const original = readFileSync(file, 'utf8')
  const child = spawn(process.execPath, [path.join(repo, 'bin/brief.js'), 'watch', '--port', '0'], { cwd: dir })
  const browser = await puppeteer.launch({ executablePath: findChrome().path, args: chromeArgs })
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0]
        if (url) resolve(url)
      })
      child.on('exit', (code) => reject(new Error(`brief watch exited with ${code}`)))
    })
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
