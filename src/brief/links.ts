/**
 * The one rule for a link's target, the same in every output (docs/writing.md, "Links").
 *
 * - `web`: `https:`, `http:` and `mailto:`: kept, in every output;
 * - `fragment`: `#id`, a place in the brief: kept;
 * - `local`: a path to a file beside the brief (`annex.pdf`), or no target at all: printed as
 *   its text. No output carries the brief's other files, so the link would lead nowhere: in
 *   the PDF it became a `file:` link into the build's temporary folder;
 * - `outside`: an absolute path (`/etc/passwd`), a path out of the folder (`../x.pdf`) or a
 *   `file:` URL: printed as its text; it names the build machine's files;
 * - `scheme`: a network path with no scheme (`//host/x`, which the PDF read as
 *   `file://host/x`) or any other scheme (`javascript:`, `data:`, `ftp:`, `tel:`): printed as
 *   its text.
 *
 * The Markdown stage judges each link the author wrote and says why it is printed as text
 * (src/plugins/remark-links.ts); every output's tail drops whatever link is not kept
 * (src/plugins/rehype-links.ts), raw HTML and all.
 */
import path from 'node:path'

export type LinkKind = 'web' | 'fragment' | 'local' | 'outside' | 'scheme'

/**
 * What browsers ignore in a URL: spaces and control characters around it, tabs and line
 * breaks inside it (`java\tscript:` is `javascript:`); and a backslash reads as a slash.
 */
function normalised(href: string): string {
  return href.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '').replace(/\\/g, '/')
}

export function linkKind(href: string): LinkKind {
  const url = normalised(href)
  if (url.startsWith('#')) return 'fragment'
  if (/^(https?|mailto):/i.test(url)) return 'web'
  if (/^file:/i.test(url)) return 'outside'
  if (url.startsWith('//') || /^[a-z][a-z\d+.-]*:/i.test(url)) return 'scheme'
  if (url.startsWith('/')) return 'outside'
  const target = path.posix.normalize(localPath(url) || '.')
  return target === '..' || target.startsWith('../') ? 'outside' : 'local'
}

/** Whether every output keeps a link to `href` (a web address or a place in the brief). */
export function keepsLink(href: string): boolean {
  const kind = linkKind(href)
  return kind === 'web' || kind === 'fragment'
}

/** The file a relative link names, as a path: without its query and fragment, percent-decoded. */
export function localPath(href: string): string {
  const written = normalised(href).split(/[?#]/)[0]!
  try {
    return decodeURI(written)
  } catch {
    return written
  }
}
