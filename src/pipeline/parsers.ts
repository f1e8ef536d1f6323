/**
 * Parsing in worker threads, which the main thread ends when a brief's deadline passes or the
 * run is cancelled. The parser is the one step of the Markdown stage whose time the brief's
 * shape decides and that nothing can interrupt from inside: micromark's time grows with the
 * square of some constructs (the limits in src/brief/limits.ts refuse the ones we know of),
 * and a synchronous parse on the main thread held off signals, the deadline, the other briefs
 * of a batch and the preview server until it ended. A pool keeps one idle worker per brief
 * being parsed at once; a terminated worker is replaced on the next parse.
 *
 * One pool serves the whole process (`sharedParsers()`): builds, the preview and a program
 * calling `build()` again and again take its idle workers, so the worker's start (from the
 * sources, about 0.3 s and 0.4 s of CPU: tsx and the parser's modules) is paid once. An idle
 * worker does not hold the process open; a busy one does, and the deadline, a signal or a
 * newer save still ends it at once.
 *
 * From the sources (tests, an edited checkout) the worker runs its TypeScript through tsx;
 * from the bundle, dist/parse-worker.js (scripts/bundle.mjs).
 */
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { DeadlineExceeded, type Deadline } from '../brief/deadline.ts'

export interface ParseOptions {
  /** The brief's deadline: the parse is ended when it passes (default: none). */
  deadline?: Deadline
  /** Ends the parse with the signal's reason (default: none). */
  signal?: AbortSignal
}

const fromSources = import.meta.url.endsWith('.ts')

function startWorker(): Worker {
  if (!fromSources) return new Worker(new URL('./parse-worker.js', import.meta.url))
  // tsx's ES module API (its CommonJS one fails to register from a worker), found beside ours.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href
  const entry = new URL('./parse-worker.ts', import.meta.url).href
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`, { eval: true })
}

export class ParserPool {
  private idle: Worker[] = []
  private busy = new Set<Worker>()
  private closed = false
  private next = 0
  private count = 0

  /** How many workers this pool has started (the tests show by it that workers are reused). */
  get started(): number {
    return this.count
  }

  /** Starts one worker now, so the first brief does not wait for it. */
  warm(): void {
    if (!this.idle.length && !this.busy.size) this.idle.push(this.spawn())
  }

  private spawn(): Worker {
    const worker = startWorker()
    this.count++
    worker.unref()
    worker.on('error', () => undefined) // reported to the parse that was running
    return worker
  }

  /** Parses the file's text as the Markdown stage's parser does, in a worker. */
  parse(file: VFile, { deadline, signal }: ParseOptions = {}): Promise<Root> {
    if (this.closed) return Promise.reject(new Error('The parser pool is closed'))
    signal?.throwIfAborted()
    const worker = this.idle.pop() ?? this.spawn()
    worker.ref() // a parse under way keeps the process running, as the parse on this thread did
    this.busy.add(worker)
    const id = this.next++
    return new Promise<Root>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      const settle = (keep: boolean) => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        this.busy.delete(worker)
        worker.unref()
        if (keep && !this.closed) this.idle.push(worker)
        else void worker.terminate()
      }
      const onMessage = (reply: { id: number; tree?: Root; error?: { name: string; message: string } }) => {
        if (reply.id !== id) return
        settle(true)
        if (reply.tree) resolve(reply.tree)
        else reject(Object.assign(reply.error!.name === 'RangeError' ? new RangeError(reply.error!.message) : new Error(reply.error!.message), { name: reply.error!.name }))
      }
      const onError = (error: Error) => {
        settle(false)
        reject(error)
      }
      const onExit = () => {
        settle(false)
        reject(new Error('The parser stopped'))
      }
      const onAbort = () => {
        settle(false)
        reject(signal!.reason)
      }
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      signal?.addEventListener('abort', onAbort, { once: true })
      if (deadline) {
        timer = setTimeout(() => {
          settle(false)
          reject(new DeadlineExceeded(deadline.ms, 'parse'))
        }, deadline.remaining())
      }
      worker.postMessage({ id, text: String(file.value ?? '') })
    })
  }

  /** Ends every worker; a parse still running is ended with an error. */
  async close(): Promise<void> {
    this.closed = true
    const all = [...this.idle, ...this.busy]
    this.idle = []
    await Promise.all(all.map((w) => w.terminate()))
  }
}

let shared: ParserPool | undefined

/** The process's pool, started on first use and never closed: its idle workers wait unref'd. */
export function sharedParsers(): ParserPool {
  return (shared ??= new ParserPool())
}
