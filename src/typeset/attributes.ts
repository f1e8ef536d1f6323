/**
 * Pandoc's attribute blocks: `{#id .class .other key=value key="a value"}`, written after a
 * heading, an image or on a fenced div's opening line.
 */

export interface Attributes {
  id?: string
  classes: string[]
  /** Other `key=value` pairs, as written. */
  values: Record<string, string>
}

const token = /\s*(?:#([^\s{}#.="]+)|\.([^\s{}#.="]+)|([A-Za-z_][\w-]*)=(?:"([^"]*)"|'([^']*)'|([^\s}"']+)))/y

/** The attributes in `{…}`, or undefined when the text is not an attribute block. */
export function parseAttributes(block: string): Attributes | undefined {
  const inner = /^\{([^{}]*)\}$/.exec(block.trim())?.[1]
  if (inner === undefined) return undefined
  const attributes: Attributes = { classes: [], values: {} }
  token.lastIndex = 0
  let at = 0
  while (at < inner.length) {
    if (!inner.slice(at).trim()) break
    token.lastIndex = at
    const match = token.exec(inner)
    if (!match) return undefined
    const [, id, className, key, double, single, bare] = match
    if (id) attributes.id = id
    else if (className) attributes.classes.push(className)
    else if (key) attributes.values[key] = double ?? single ?? bare ?? ''
    at = token.lastIndex
  }
  return attributes
}

/** A trailing `{…}` block at the end of `text`, split off: `Heading {#sec-x}` → ["Heading", attrs]. */
export function trailingAttributes(text: string): [string, Attributes] | undefined {
  const match = /\s*(\{[^{}]*\})\s*$/.exec(text)
  if (!match) return undefined
  const attributes = parseAttributes(match[1]!)
  return attributes ? [text.slice(0, match.index), attributes] : undefined
}
