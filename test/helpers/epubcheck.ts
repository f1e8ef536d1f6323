/**
 * EPUBCheck for the tests: one JVM for the whole run (EpubCheckServer.java), started by
 * Vitest's global setup (the default export here), or a JVM per book where that cannot start.
 * Test files ask through `epubcheck()` in ./epub.ts.
 */
import { execFile, spawn } from 'node:child_process'
import { connect, type Socket } from 'node:net'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

/** EPUBCheck 4.2.6 (Debian's package; its `epubcheck` wrapper does not run, the jar does). */
export const epubcheckJar = process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar'

export interface EpubCheckResult {
  /** Fatal errors and errors; -1 when EPUBCheck printed no summary. */
  errors: number
  warnings: number
  /** What `java -jar epubcheck.jar <file>` printed: its stdout, a newline, its stderr. */
  output: string
  /** Its exit code. */
  code: number | null
}

// A short-lived JVM starts about twice as fast with only the first compiler and the serial
// collector; EPUBCheck's verdict is the same. The server (below) keeps them: its checks after
// the first take a tenth of a second either way, and it lives for one test run.
const java = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto']

function result(code: number | null, stdout: string, stderr: string): EpubCheckResult {
  const output = `${stdout}\n${stderr}`
  const counts = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output)
  if (!counts) return { errors: -1, warnings: -1, output, code }
  return { errors: Number(counts[1]) + Number(counts[2]), warnings: Number(counts[3]), output, code }
}

/** EPUBCheck in a JVM of its own, as its command runs: the reference the server must match. */
export function epubcheckAlone(file: string): Promise<EpubCheckResult> {
  return new Promise((resolve) => {
    const child = execFile('java', [...java, '-jar', epubcheckJar, file], { encoding: 'utf8', timeout: 120_000 }, (_error, stdout, stderr) => resolve(result(child.exitCode, stdout, stderr)))
  })
}

/**
 * One JVM answering EPUBCheck for the whole test run (EpubCheckServer.java, run from its
 * source, which needs the JDK's compiler): each book costs a tenth of a second instead of a JVM
 * start of a second or more. `reason` says why it did not start (a bare JRE has no compiler):
 * each book then gets a JVM of its own, with the same results.
 */
export type EpubCheckServer = { port: number; stop: () => void } | { reason: string }

export function startEpubCheckServer(): Promise<EpubCheckServer> {
  const source = path.join(import.meta.dirname, 'EpubCheckServer.java')
  return new Promise((resolve) => {
    const child = spawn('java', [...java, '-cp', epubcheckJar, source], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    child.stdout.on('data', (d: Buffer) => {
      stdout += d
      const port = /^(\d+)\n/.exec(stdout)?.[1]
      if (!port) return
      child.stdout.removeAllListeners('data')
      // It ends when its stdin closes: when stopped, or when this process ends, however it
      // ends; until then it does not hold this process open.
      child.unref()
      for (const pipe of [child.stdin, child.stdout, child.stderr]) (pipe as unknown as Socket).unref() // pipes are sockets
      resolve({ port: Number(port), stop: () => child.stdin.end() })
    })
    child.on('error', (error) => resolve({ reason: error.message }))
    child.on('exit', (code) => resolve({ reason: `java ${path.basename(source)} exited with ${code}: ${stderr.trim().split('\n').slice(0, 3).join(' ')}` }))
  })
}

/** The server's verdict on one book (a connection each, answered in turn). */
export function ask(port: number, file: string): Promise<EpubCheckResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = connect(port, '127.0.0.1', () => socket.end(`${file}\n`))
    socket.setTimeout(120_000, () => socket.destroy(new Error(`EPUBCheck gave no answer for ${file} in 120 s`)))
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.on('error', reject)
    socket.on('end', () => {
      const answer = Buffer.concat(chunks)
      const head = answer.indexOf(10)
      const [code, out, err] = answer.subarray(0, head).toString().split(' ').map(Number) as [number, number, number]
      const stdout = answer.subarray(head + 1, head + 1 + out)
      resolve(result(code, stdout.toString('utf8'), answer.subarray(head + 1 + out, head + 1 + out + err).toString('utf8')))
    })
  })
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's EPUBCheck server (`setup` below), or why it did not start. */
    epubcheck: { port: number } | { reason: string }
  }
}

/** Vitest's global setup: the server for the whole run, its port handed to the test files. */
export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startEpubCheckServer()
  if ('port' in server) {
    project.provide('epubcheck', { port: server.port })
    return server.stop
  }
  console.warn(`EPUBCheck runs in a JVM per book (slower), as its one JVM for the run did not start: ${server.reason}`)
  project.provide('epubcheck', { reason: server.reason })
  return () => undefined
}
