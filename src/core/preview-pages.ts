/**
 * What the preview server adds around a brief's outputs: a status bar with the latest build's
 * errors and warnings, the print and e-book frames, and the small script that reloads a view
 * when its version changes. The brief's own page is served as built, with only the bar and the
 * script added before `</body>`.
 */
import { formatLine } from '../report.ts'
import type { ShownMessage, View, ViewState } from './preview.ts'

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Reloads the page when its view's version moves on, keeping the scroll position. */
export const liveScript = `(() => {
  const me = document.currentScript
  const view = me.dataset.view
  const version = Number(me.dataset.version)
  const key = 'brief-preview-scroll:' + location.pathname
  addEventListener('load', () => {
    const saved = sessionStorage.getItem(key)
    if (saved !== null) {
      sessionStorage.removeItem(key)
      scrollTo(0, Number(saved))
    }
  })
  const events = new EventSource('/__brief/events')
  events.onmessage = (event) => {
    const state = JSON.parse(event.data)[view]
    const badge = document.getElementById('brief-preview-building')
    if (badge) badge.hidden = !state.building
    if (state.version !== version) {
      sessionStorage.setItem(key, String(scrollY))
      events.close()
      location.reload()
    }
  }
})()
`

/** The e-book frames grow to their documents' height, so the book reads as one page. */
export const epubFramesScript = `for (const frame of document.querySelectorAll('iframe.brief-preview-book')) {
  const fit = () => { frame.style.height = frame.contentDocument.documentElement.scrollHeight + 'px' }
  frame.addEventListener('load', fit)
  addEventListener('resize', fit)
}
`

const barStyle = `
#brief-preview-bar{all:initial;position:sticky;top:0;z-index:2147483647;display:block;box-sizing:border-box;margin:0 0 1rem;font:14px/1.4 system-ui,sans-serif;background:#1f2a3a;color:#fff;padding:.4rem .8rem}
#brief-preview-bar a{color:#cfe3ff;margin-right:1rem}
#brief-preview-bar [hidden]{display:none}
#brief-preview-bar .count{margin:0 .5rem}
#brief-preview-bar ul{list-style:none;margin:.4rem 0 0;padding:0;max-height:40vh;overflow:auto}
#brief-preview-bar li{margin:.2rem 0;font-family:ui-monospace,monospace;font-size:13px;white-space:pre-wrap}
#brief-preview-bar .error{color:#ffb4b4}
#brief-preview-bar .warning{color:#ffe39a}
#brief-preview-bar .stale{background:#7a1f1f;padding:.1rem .4rem;border-radius:3px}
`

const viewLinks: Record<View, string> = { web: '/', print: '/print', epub: '/epub' }
const viewNames: Record<View, string> = { web: 'Web page', print: 'Print', epub: 'E-book' }

function messageLine(m: ShownMessage): string {
  return `<li class="${m.severity}">${escape(formatLine(m.where, m.severity === 'error', m.message, m.rule, m.note, false))}</li>`
}

/** The bar at the top of every view: the views, the build state, the latest messages. */
export function statusBar(view: View, state: ViewState, title: string): string {
  const errors = state.messages.filter((m) => m.severity === 'error').length
  const warnings = state.messages.length - errors
  const links = (Object.keys(viewLinks) as View[])
    .map((v) => (v === view ? `<strong>${viewNames[v]}</strong>` : `<a href="${viewLinks[v]}">${viewNames[v]}</a>`))
    .join(' ')
  const stale = errors && state.output !== undefined ? ` <span class="stale">showing the last good build</span>` : ''
  const counts = state.messages.length ? `<span class="count">${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${stale}</span>` : ''
  const list = state.messages.length ? `<ul>${state.messages.map(messageLine).join('')}</ul>` : ''
  return `<style>${barStyle}</style><div id="brief-preview-bar" role="status" aria-label="Preview of ${escape(title)}">${links} <span class="count">· ${escape(title)}</span>${counts}<span id="brief-preview-building"${state.building ? '' : ' hidden'}>Rebuilding…</span>${list}</div>`
}

export function liveTag(view: View, state: ViewState): string {
  return `<script src="/__brief/live.js" data-view="${view}" data-version="${state.version}"></script>`
}

/** A page of the preview's own (print and e-book frames, or a brief that never built). */
export function previewPage(view: View, state: ViewState, title: string, body: string, scripts = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · ${viewNames[view]} preview</title>
<style>html,body{margin:0;height:100%;background:#e8e8e8;font:16px/1.5 system-ui,sans-serif}main{padding:1rem}iframe{border:0;width:100%;display:block;background:#fff}.full{height:calc(100vh - 3rem)}.book{max-width:46rem;margin:1rem auto}.book iframe{margin-bottom:1rem;box-shadow:0 1px 4px #0003}</style>
</head><body>${statusBar(view, state, title)}<main>${body}</main>${liveTag(view, state)}${scripts}</body></html>
`
}

/** The brief's own web page with the bar and the live script added. */
export function webPage(html: string, state: ViewState, title: string): string {
  const bar = statusBar('web', state, title)
  const withBar = /<body[^>]*>/i.test(html) ? html.replace(/<body[^>]*>/i, (tag) => tag + bar) : bar + html
  const tag = liveTag('web', state)
  return /<\/body>/i.test(withBar) ? withBar.replace(/<\/body>(?![\s\S]*<\/body>)/i, `${tag}</body>`) : withBar + tag
}

export function waitingBody(state: ViewState, what: string): string {
  if (state.building) return `<p>${escape(what)}…</p>`
  return state.messages.length ? '<p>The brief has errors (listed above); it appears here once they are fixed.</p>' : `<p>${escape(what)} is not available.</p>`
}
