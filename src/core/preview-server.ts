/**
 * The preview's web server: 127.0.0.1 only, GET only, and only what the preview holds in
 * memory — never a file from disk. Pages it serves may run the preview's own script and
 * nothing else (a Content-Security-Policy says so), and requests naming another host are
 * refused, so a web site cannot reach the preview through a DNS name pointed at 127.0.0.1.
 *
 *   /                    the web page
 *   /print, /print.pdf   the printed PDF, in a frame and as the file
 *   /epub                the e-book's documents in reading order; /epub/<slug>.epub the file
 *   /__brief/events      server-sent events: every view's version, on every change
 *   /__brief/state       the same as JSON, with the messages (for scripts and tests)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { UsageError } from '../errors.ts'
import { imageTypes } from '../plugins/remark-resources.ts'
import { epubFramesScript, liveScript, previewPage, waitingBody, webPage } from './preview-pages.ts'
import { views, type Preview, type View } from './preview.ts'

const mediaTypes: Record<string, string> = {
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  ...imageTypes,
}

const policies = {
  /** The brief's page: its own inline styles, fonts and images, plus the live script. */
  web: (remote: boolean) => `default-src 'none'; img-src data: 'self'${remote ? ' https: http:' : ''}; style-src 'unsafe-inline'; font-src data:; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'`,
  frame: "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'",
  book: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'none'; base-uri 'none'; form-action 'none'",
}

interface EpubFiles {
  bytes: Uint8Array
  files: Record<string, Uint8Array>
  /** Paths of the reading order's documents, inside the zip. */
  spine: string[]
}

export class PreviewServer {
  private readonly listeners = new Set<ServerResponse>()
  private book?: EpubFiles
  private bookVersion = 0

  private constructor(
    private readonly server: Server,
    private readonly preview: Preview,
    private readonly slug: string,
    private readonly allowRemote: boolean,
    readonly port: number,
  ) {}

  /**
   * Listens on 127.0.0.1. `port` 0 takes any free port; without `explicit`, a taken port moves
   * on to the next free one, with it a taken port is the user's to change.
   */
  static async listen(preview: Preview, options: { slug: string; port: number; explicit: boolean; allowRemote?: boolean }): Promise<PreviewServer> {
    for (let port = options.port, tries = 0; ; port++, tries++) {
      const server = createServer()
      const bound = await new Promise<number | NodeJS.ErrnoException>((resolve) => {
        server.once('error', (error: NodeJS.ErrnoException) => resolve(error))
        server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
      })
      if (typeof bound === 'number') {
        const instance = new PreviewServer(server, preview, options.slug, options.allowRemote ?? false, bound)
        server.on('request', (req, res) => instance.handle(req, res))
        return instance
      }
      if (bound.code !== 'EADDRINUSE' || options.explicit || tries >= 20) {
        throw new UsageError(`Cannot serve the preview on 127.0.0.1:${port}: ${bound.code === 'EADDRINUSE' ? 'the port is in use' : bound.message}`, {
          hint: 'Choose another port with --port N (or --port 0 for any free one)',
        })
      }
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`
  }

  /** Tells every open page the views' versions (they reload when theirs moved on). */
  notify(): void {
    const data = `data: ${JSON.stringify(this.versions())}\n\n`
    for (const res of this.listeners) res.write(data)
  }

  async close(): Promise<void> {
    for (const res of this.listeners) res.end()
    this.listeners.clear()
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  private versions(): Record<View, { version: number; building: boolean }> {
    const state = this.preview.state
    return Object.fromEntries(views.map((v) => [v, { version: state[v].version, building: state[v].building }])) as Record<View, { version: number; building: boolean }>
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    try {
      this.route(req, res)
    } catch (error) {
      // The server outlives any one request.
      if (!res.headersSent) this.send(res, 500, 'text/plain; charset=utf-8', `Preview error: ${(error as Error).message}\n`)
      else res.end()
    }
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').toLowerCase()
    if (!new RegExp(`^(127\\.0\\.0\\.1|localhost|\\[::1\\]):${this.port}$`).test(host)) {
      return this.send(res, 403, 'text/plain; charset=utf-8', 'The preview answers only requests to 127.0.0.1 or localhost.\n')
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return this.send(res, 405, 'text/plain; charset=utf-8', 'The preview only reads.\n')
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const state = this.preview.state
    const title = this.slug
    switch (url.pathname) {
      case '/': {
        const web = state.web.output
        const page = typeof web === 'string' ? webPage(web, state.web, title) : previewPage('web', state.web, title, waitingBody(state.web, 'Building the web page'))
        return this.send(res, 200, 'text/html; charset=utf-8', page, policies.web(this.allowRemote))
      }
      case '/print': {
        const body = state.print.output ? `<iframe class="full" title="The printed brief" src="/print.pdf?v=${state.print.version}"></iframe>` : waitingBody(state.print, 'Laying out the pages')
        return this.send(res, 200, 'text/html; charset=utf-8', previewPage('print', state.print, title, body), policies.frame)
      }
      case '/print.pdf': {
        const pdf = state.print.output
        if (!(pdf instanceof Uint8Array)) return this.send(res, 404, 'text/plain; charset=utf-8', 'No PDF yet.\n')
        res.setHeader('Content-Disposition', `inline; filename="${this.slug}.pdf"`)
        return this.send(res, 200, 'application/pdf', pdf)
      }
      case '/epub': {
        const book = this.epub()
        const body = book
          ? `<p><a download href="/epub/${encodeURIComponent(this.slug)}.epub">Download ${this.slug}.epub</a></p><div class="book">${book.spine.map((doc) => `<iframe class="brief-preview-book" title="${doc}" src="/epub/book/${doc}"></iframe>`).join('')}</div>`
          : waitingBody(state.epub, 'Making the e-book')
        return this.send(res, 200, 'text/html; charset=utf-8', previewPage('epub', state.epub, title, body, '<script src="/__brief/book.js"></script>'), policies.frame)
      }
      case '/__brief/live.js':
        return this.send(res, 200, 'text/javascript; charset=utf-8', liveScript)
      case '/__brief/book.js':
        return this.send(res, 200, 'text/javascript; charset=utf-8', epubFramesScript)
      case '/__brief/state':
        return this.send(res, 200, 'application/json', JSON.stringify(Object.fromEntries(views.map((v) => [v, { ...state[v], output: state[v].output !== undefined }]))))
      case '/__brief/events':
        return this.events(req, res)
    }
    if (url.pathname === `/epub/${this.slug}.epub` || url.pathname === `/epub/${encodeURIComponent(this.slug)}.epub`) {
      const book = this.epub()
      if (!book) return this.send(res, 404, 'text/plain; charset=utf-8', 'No e-book yet.\n')
      res.setHeader('Content-Disposition', `attachment; filename="${this.slug}.epub"`)
      return this.send(res, 200, 'application/epub+zip', book.bytes)
    }
    if (url.pathname.startsWith('/epub/book/')) {
      const inside = decodeURIComponent(url.pathname.slice('/epub/book/'.length))
      const data = this.epub()?.files[inside]
      if (!data || inside.endsWith('/')) return this.send(res, 404, 'text/plain; charset=utf-8', 'Not in the e-book.\n')
      return this.send(res, 200, mediaTypes[path.extname(inside).toLowerCase()] ?? 'application/octet-stream', data, policies.book)
    }
    return this.send(res, 404, 'text/plain; charset=utf-8', 'Not found. The preview has /, /print and /epub.\n')
  }

  private events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
    res.write(`retry: 500\ndata: ${JSON.stringify(this.versions())}\n\n`)
    this.listeners.add(res)
    req.on('close', () => this.listeners.delete(res))
  }

  /** The current e-book, unpacked once per version. */
  private epub(): EpubFiles | undefined {
    const state = this.preview.state.epub
    if (!(state.output instanceof Uint8Array)) return undefined
    if (!this.book || this.bookVersion !== state.version) {
      const files = unzipSync(state.output)
      this.book = { bytes: state.output, files, spine: readingOrder(files) }
      this.bookVersion = state.version
    }
    return this.book
  }

  private send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, policy?: string): void {
    res.statusCode = status
    res.setHeader('Content-Type', type)
    res.setHeader('Cache-Control', 'no-store')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'no-referrer')
    if (policy) res.setHeader('Content-Security-Policy', policy)
    res.end(res.req.method === 'HEAD' ? undefined : body)
  }
}

/** The spine's documents, as paths inside the zip, read from the package document. */
function readingOrder(files: Record<string, Uint8Array>): string[] {
  const text = (name: string) => new TextDecoder().decode(files[name] ?? new Uint8Array())
  const opfPath = /full-path="([^"]+)"/.exec(text('META-INF/container.xml'))?.[1] ?? ''
  const opf = text(opfPath)
  const base = path.posix.dirname(opfPath)
  const hrefs = new Map<string, string>()
  for (const item of opf.matchAll(/<item\b[^>]*>/g)) {
    const id = /\bid="([^"]+)"/.exec(item[0])?.[1]
    const href = /\bhref="([^"]+)"/.exec(item[0])?.[1]
    if (id && href) hrefs.set(id, path.posix.join(base, decodeURIComponent(href)))
  }
  return [...opf.matchAll(/<itemref\b[^>]*\bidref="([^"]+)"/g)].map((m) => hrefs.get(m[1]!)).filter((p): p is string => Boolean(p))
}
