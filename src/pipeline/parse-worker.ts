/**
 * The parser's worker (./parsers.ts): parses one brief's text at a time and posts the tree
 * back. It is a thread of its own so that the main thread, while a brief of pathological
 * shape is parsed, still answers Ctrl-C, SIGTERM, the deadline and the preview's requests,
 * and can end the parse by terminating this thread.
 */
import { parentPort } from 'node:worker_threads'
import { createParser } from './syntax.ts'

const parser = createParser()

parentPort?.on('message', ({ id, text }: { id: number; text: string }) => {
  try {
    parentPort!.postMessage({ id, tree: parser.parse(text) })
  } catch (error) {
    const { name, message } = error as Error
    parentPort!.postMessage({ id, error: { name, message } })
  }
})
