/**
 * Timing a command as a user runs it: wall clock from spawn to exit, and the peak memory of
 * its whole process tree (Chromium's processes included), sampled from /proc every 100 ms.
 */
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

export interface Measure {
  ms: number
  /** Peak memory (PSS) of the process and all its descendants, in MiB (0 where /proc is missing). */
  peakMiB: number
}

/** Memory of `root` and every process below it (proportional set size), in KiB. */
export function treeRss(root: number): number {
  const parents = new Map<number, number>()
  const rss = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8')
      parents.set(Number(name), Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0))
      rss.set(Number(name), 0)
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0
  for (const pid of rss.keys()) {
    for (let p: number | undefined = pid; p; p = parents.get(p)) {
      if (p !== root) continue
      // Proportional set size: memory shared by Chromium's processes is counted once, not
      // once per process as resident sizes would.
      try {
        total += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0)
      } catch {
        // ended meanwhile
      }
      break
    }
  }
  return total
}

export function measure(cmd: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(cmd, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    let peak = 0
    const sample = () => {
      try {
        if (child.pid) peak = Math.max(peak, treeRss(child.pid))
      } catch {
        // no /proc here: memory is not reported
      }
    }
    const timer = setInterval(sample, 100)
    child.on('error', reject)
    child.on('exit', (code) => {
      const ms = performance.now() - started
      clearInterval(timer)
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`))
      else resolve({ ms, peakMiB: peak / 1024 })
    })
  })
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
