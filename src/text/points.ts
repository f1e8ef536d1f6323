/**
 * Offsets in a text as the 1-based line and column a message shows, counted as the Markdown
 * parser counts them (a line ends at LF, CR or CRLF), by vfile-location.
 */
import type { Point } from 'unist'
import { location } from 'vfile-location'

/**
 * A function placing offsets in `text`: the line starts are found once, as far as the offsets
 * asked for need them, so a library of thousands of entries is placed in one pass. An offset
 * past the end is placed at the end.
 */
export function pointsIn(text: string): (offset: number) => Point {
  const { toPoint } = location(text)
  return (offset) => toPoint(Math.max(0, Math.min(offset, text.length)))!
}

/** One offset in `text`; use `pointsIn` to place many. */
export function placeAt(text: string, offset: number): Point {
  return pointsIn(text)(offset)
}
