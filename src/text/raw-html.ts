/**
 * Elements in a piece of the brief's raw HTML, each placed where it starts in brief.md: for the
 * Markdown stage's checks of images and links written as HTML, which the tails parse again.
 */
import type { Element } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import type { Point } from 'unist'
import { visit } from 'unist-util-visit'

export interface PlacedElement {
  element: Element
  /** Where the element's `<` stands in brief.md; the HTML's own start when it has no position. */
  place?: Point
}

/** The elements named `tagNames` (default: all) in `html`, a raw HTML node starting at `start` in brief.md. */
export function rawHtmlElements(html: string, start: Point | undefined, tagNames?: readonly string[]): PlacedElement[] {
  const found: PlacedElement[] = []
  visit(fromHtml(html, { fragment: true }), 'element', (element: Element) => {
    if (tagNames && !tagNames.includes(element.tagName)) return
    const at = element.position?.start
    const place = start && at ? { line: start.line + at.line - 1, column: at.line === 1 ? start.column + at.column - 1 : at.column } : start
    found.push({ element, place })
  })
  return found
}
