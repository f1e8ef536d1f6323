/**
 * Where a build's time goes (`brief build --timings`): each brief's stages are added up on its
 * file (`file.data.timings`), in the order they ran; the run's own stages (start-up, loading,
 * the browser) on the report.
 */
import type { Root } from 'mdast'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'

export type Timings = Record<string, number>

export function addTime(file: VFile, stage: string, ms: number): void {
  const timings = (file.data.timings ??= {})
  timings[stage] = (timings[stage] ?? 0) + ms
}

/** Runs `work` and adds its time to `stage`. */
export async function timed<T>(file: VFile, stage: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now()
  try {
    return await work()
  } finally {
    addTime(file, stage, performance.now() - started)
  }
}

const lastStamp = new WeakMap<VFile, number>()

/**
 * A plugin to place between others in the Markdown stage: the time since the previous stamp
 * (or since the stage began, for `undefined`) is added to `stage`. Each call makes a new
 * plugin, since unified would merge two uses of one plugin into one. The brief's deadline is
 * checked here too.
 */
export function stamp(stage: string | undefined): Plugin<[], Root> {
  return function () {
    return (_tree, file) => {
      const now = performance.now()
      const previous = lastStamp.get(file)
      if (stage && previous !== undefined) addTime(file, stage, now - previous)
      lastStamp.set(file, now)
      // Stage boundaries are where a brief over its time can be stopped.
      if (stage) file.data.deadline?.check(stage)
    }
  }
}

/** "parse 12 ms · sources 80 ms · …" */
export function formatTimings(timings: Timings): string {
  return Object.entries(timings)
    .map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`)
    .join(' · ')
}
