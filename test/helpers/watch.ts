/** Starts the real `brief watch` on any free port, as a user would, for tests and the bench. */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const bin = path.resolve(import.meta.dirname, '../../bin/brief.js')

export interface Watching {
  child: ChildProcess
  /** `http://127.0.0.1:<port>/` */
  base: string
  /** Everything the command wrote on stderr so far. */
  stderr: () => string
}

export async function startWatch(cwd: string, args: string[] = []): Promise<Watching> {
  const child = spawn(process.execPath, [bin, 'watch', ...args, '--port', '0'], { cwd, env: { ...process.env, NO_COLOR: '1' } })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const base = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0]
      if (url) resolve(url)
    })
    child.on('exit', (code) => reject(new Error(`brief watch exited with ${code}: ${stderr}`)))
  })
  return { child, base, stderr: () => stderr }
}
