/**
 * Renders every citation in one citeproc pass, with the note numbers remark-number-notes gave,
 * so first / subsequent / ibid follow the real notes, and replaces each `cite` node by what the
 * reader sees:
 * - a citation note's citation: the whole note text, first letter capitalised ("Ibid.");
 * - a citation inside the author's own note (note style): inline, in parentheses;
 * - author-date: inline, "(Doe 2020, 12)"; author-in-text "Doe (2020, 12)";
 * - an author-in-text name left in the running text: the author alone ("Jane Doe", then "Doe").
 * The bibliography is rendered in the same session and kept as data for remark-bibliography.
 */
import type { ElementContent } from 'hast'
import { toString } from 'hast-util-to-string'
import type { FootnoteDefinition, Nodes, Parent, PhrasingContent, Root } from 'mdast'
import type { Plugin } from 'unified'
import { CitationSession } from '../citations/engine.ts'
import type { CiteprocCitation, CiteprocItem } from '../citations/citeproc.ts'
import type { Style } from '../citations/styles.ts'
import { citationLang } from '../citations/locales.ts'
import { locatorFromTerms, locatorTypes, pluralLocator, rangeForCiteproc } from '../citations/locator.ts'
import { capitalizeFirst, citationToHast, linkTargets, sourceAnchor } from '../citations/to-hast.ts'
import { messages } from '../messages.ts'
import type { Cite } from '../types/tree.ts'
import { rule } from '../rules.ts'

/** Where a cite sits: in the running text (note 0), in a citation note, or in an author's note. */
interface Placed {
  cite: Cite
  noteIndex: number
  inCitationNote: boolean
  inAuthorNote: boolean
}

export const remarkRenderCitations: Plugin<[], Root> = function () {
  return (tree, file) => {
    const { meta, style, sources } = file.data
    if (!meta || !style || !sources) return
    const placed = readingOrder(tree)
    const links = linkTargets([...sources.values()].map((s) => s.item))
    const session = new CitationSession(style, citationLang(meta, style), [...sources.values()].map((s) => s.item))
    const clusters = placed.filter((p) => !p.cite.data?.authorOnly)
    // A suffix the style's own words make a locator ("para 15" in OSCOLA) is one, as in pandoc.
    let terms: Map<string, string> | undefined
    const relabel = <T extends { locator?: string; label?: string; suffix?: string }>(item: T): T => {
      if (item.locator || !item.suffix) return item
      terms ??= session.locatorTerms(locatorTypes)
      const found = locatorFromTerms(item.suffix, terms)
      return found ? { ...item, locator: found.locator, label: found.label, suffix: found.suffix } : item
    }
    const rangeDelimiter = session.rangeDelimiter()
    const requests = clusters.map((p, i): CiteprocCitation => ({
      citationID: `c${i}`,
      citationItems: p.cite.items.map(relabel).map((item): CiteprocItem => ({
        id: item.key,
        ...(item.locator ? { locator: rangeForCiteproc(item.locator, item.label, rangeDelimiter), label: item.label } : {}),
        ...(item.locator && pluralLocator(item.locator) ? { 'locator-plural': true } : {}),
        ...(item.prefix ? { prefix: item.prefix } : {}),
        ...(item.suffix ? { suffix: item.suffix } : {}),
        // The running text names the author, so the note or parenthesis leaves it out.
        ...(item.suppressAuthor || authorInRunningText(p, style) ? { 'suppress-author': true } : {}),
      })),
      properties: { noteIndex: p.noteIndex },
    }))
    const replacements = new Map<Cite, PhrasingContent>()
    const superscripts = new Set<Cite>()
    try {
      const rendered = session.renderCitations(requests)
      const cluster = new Map(clusters.map((p, i) => [p.cite, rendered.get(`c${i}`) ?? '']))
      const cited = new Set<string>()
      for (const p of placed) {
        const key = p.cite.items[0]!.key
        // The author's name follows the source's position, as pandoc's does: full, then short.
        const needsAuthor = p.cite.data?.authorOnly || (authorInRunningText(p, style) && !p.inCitationNote)
        const author = needsAuthor ? session.renderAuthor(key, cited.has(key)) : undefined
        const authorHtml = author?.trim() && !author.includes('[NO_PRINTED_FORM]') ? author : undefined
        let html = cluster.get(p.cite)
        // With the author left out, what the style put after the name leads: "Fair, p. 12"
        // loses "Fair" and reads "P. 12", not ", p. 12" (as pandoc prints it).
        if (html !== undefined && (p.cite.items.some((item) => item.suppressAuthor) || authorInRunningText(p, style))) html = html.replace(/^((?:<[^>]+>)*)\s*[,;:]\s*/, '$1')
        // citeproc-js's placeholder for a citation with nothing to print (MLA's "@doe says",
        // the author in the text and no page): nothing is printed, as in pandoc.
        if (html !== undefined && printsNothing(html)) {
          html = ''
          if (!authorHtml) file.message(messages.citationPrintsNothing(p.cite.items.map((item) => item.key)), { place: p.cite.position?.start, ruleId: rule('empty-citation'), source: 'citeproc' })
        }
        // Inside an author's note a citation is part of a sentence: citeproc-js capitalises an
        // opening "Ibid.", pandoc does not ("and (ibid., 6)"); and "see @doe [62]" keeps the
        // name, "see Doe, ibid., 62", where citeproc alone would print "see Ibid., 62".
        if (html !== undefined && p.inAuthorNote && style.kind === 'note' && startsWith(html, session.ibidTerm())) {
          html = lowerFirst(html)
          const name = p.cite.mode === 'author-in-text' ? session.renderAuthor(key, true) : ''
          if (name.trim() && !name.includes('[NO_PRINTED_FORM]')) html = `${name}, ${html}`
        }
        // Also "as @key says" in a numbered style, where no author name comes before the number.
        if (style.kind === 'in-text' && (p.cite.mode === 'normal' || !authorHtml) && html?.startsWith('<sup>')) superscripts.add(p.cite)
        replacements.set(p.cite, present(p, html, authorHtml, style, meta.linkCitations, links))
        if (!p.cite.data?.authorOnly) for (const item of p.cite.items) cited.add(item.key)
      }
      file.data.bibliography = session.renderBibliography(file.data.uncited ?? [])
      for (const warning of session.takeWarnings()) {
        file.message(messages.citeprocWarning(warning), { place: placed[0]?.cite.position?.start, ruleId: rule('citeproc-warning'), source: 'citeproc' })
      }
    } catch (error) {
      file.message(messages.citationEngine((error as Error).message), { place: placed[0]?.cite.position?.start, ruleId: rule('citeproc'), source: 'brief' }).fatal = true
      return
    }
    // "the Treaty.[@key]" in an author's note reads "the Treaty. (…)", as in pandoc.
    const spaced = new Set(placed.filter((p) => style.kind === 'note' && p.inAuthorNote && p.cite.mode === 'normal').map((p) => replacements.get(p.cite)!))
    // A superscript citation (AMA, Nature: "slowly¹.") sits against the word before it, as in pandoc.
    const tight = new Set([...superscripts].map((cite) => replacements.get(cite)!))
    replaceCites(tree, replacements, spaced, tight)
    // "as Briscoe et al.¹." reads "as Briscoe et al.¹", as in pandoc: the name's full stop ends the sentence.
    if (style.kind === 'note') dropDoubledStops(tree)
  }
}

/** Whether citeproc-js rendered a citation as its "[NO_PRINTED_FORM]" placeholder. */
function printsNothing(html: string): boolean {
  return html.replace(/<[^>]*>/g, '').trim() === '[NO_PRINTED_FORM]'
}

/** The rendered citation without its final full stop (inside any closing markup or quote). */
function dropFinalPeriod(html: string): string {
  return html.replace(/\.((?:<\/[^>]+>|[”’]|\s)*)$/, '$1')
}

/**
 * Whether rendered HTML starts with the word `word`, ignoring markup, case and full stops
 * (OSCOLA's "ibid" is the term "ibid." with strip-periods), and not a longer word
 * ("Ibidapo-Obe" does not start with "ibid").
 */
function startsWith(html: string, word: string): boolean {
  const bare = (text: string) => text.replace(/\./g, '').trim().toLowerCase()
  const text = bare(html.replace(/<[^>]*>/g, ''))
  const term = bare(word)
  return term !== '' && text.startsWith(term) && !/[\p{L}\p{N}]/u.test(text.charAt(term.length))
}

/** The first letter outside markup in lower case ("Ibid." → "ibid."). */
function lowerFirst(html: string): string {
  return html.replace(/^((?:<[^>]*>|\s)*)(\p{Lu})/u, (_, lead: string, letter: string) => lead + letter.toLowerCase())
}

/**
 * `@key` names its author in the running text (so the citation itself leaves it out), except
 * inside a note-style author note, where the whole citation is the text.
 */
function authorInRunningText(p: Placed, style: Style): boolean {
  return p.cite.mode === 'author-in-text' && !(style.kind === 'note' && p.inAuthorNote)
}

/** What replaces one cite node. */
function present(p: Placed, html: string | undefined, authorHtml: string | undefined, style: Style, linkCitations: boolean, links: string[]): PhrasingContent {
  if (p.cite.data?.authorOnly) return span('citation-author', authorHtml ? citationToHast(authorHtml) : [], p.cite)
  // A note style's citation written into an author's note is part of a sentence: like pandoc,
  // drop the full stop the style ends its notes with ("…, 12." → "…, 12").
  if (style.kind === 'note' && p.inAuthorNote && html) html = dropFinalPeriod(html)
  if (html === '' && !p.inCitationNote) return span('citation', authorHtml ? citationToHast(authorHtml) : [], p.cite)
  let body = citationToHast(html ?? '', links)
  if (p.inCitationNote) {
    capitalizeFirst(body)
    return span('citation', body, p.cite)
  }
  if (style.kind === 'note' && p.cite.mode === 'normal') body = [{ type: 'text', value: '(' }, ...body, { type: 'text', value: ')' }]
  const first = p.cite.items[0]
  if (linkCitations && style.kind === 'in-text' && first) body = [{ type: 'element', tagName: 'a', properties: { href: `#${sourceAnchor(first.key)}` }, children: body }]
  // "Roe (2021)": the author and the parenthesis are one citation to the reader.
  if (authorHtml !== undefined) body = [...citationToHast(authorHtml), { type: 'text', value: ' ' }, ...body]
  return span('citation', body, p.cite)
}

function span(className: string, children: ElementContent[], cite: Cite): PhrasingContent {
  return {
    type: 'cite',
    mode: cite.mode,
    items: cite.items,
    value: cite.value,
    position: cite.position,
    data: {
      hName: 'span',
      hProperties: { className: [className], dataCites: cite.items.map((item) => item.key).join(' ') },
      hChildren: children,
    },
  } as Cite
}

/**
 * Cites in the order a reader meets them, for citeproc: a note's citations where the note is
 * first called from the running text; notes called only from other notes last, by number
 * (their numbers come after every note of the running text).
 */
function readingOrder(tree: Root): Placed[] {
  const notes = tree.children.find((n) => n.type === 'notes')?.children ?? []
  const out: Placed[] = []
  const entered = new Set<number>()
  const walk = (node: Nodes, note?: FootnoteDefinition) => {
    if (node.type === 'notes') return
    if (node.type === 'cite') {
      const noteIndex = note?.data?.noteNumber ?? 0
      out.push({ cite: node, noteIndex, inCitationNote: Boolean(note?.data?.citation), inAuthorNote: Boolean(note && !note.data?.citation) })
    }
    if (node.type === 'footnoteReference' && !note && node.data?.callIndex === 1) enter(node.data.noteNumber!)
    if ('children' in node) for (const child of node.children) walk(child, note)
  }
  const enter = (number: number) => {
    const note = notes[number - 1]
    if (!note || entered.has(number)) return
    entered.add(number)
    for (const child of note.children) walk(child, note)
  }
  walk(tree)
  for (let n = 1; n <= notes.length; n++) enter(n)
  return out
}

/** After an author's name that ends in a full stop and its note call, the sentence's own full stop goes. */
function dropDoubledStops(node: Nodes): void {
  if (!('children' in node)) return
  const children = node.children as Nodes[]
  children.forEach((child, i) => {
    const call = children[i + 1]
    const after = children[i + 2]
    const data = child.data as { hChildren?: ElementContent[]; hProperties?: { className?: string[] } } | undefined
    if (child.type === 'cite' && data?.hProperties?.className?.includes('citation-author') && call?.type === 'footnoteReference' && after?.type === 'text' && after.value.startsWith('.')) {
      const hChildren = data.hChildren ?? []
      if (/\.\s*$/.test(toString({ type: 'root', children: hChildren }))) after.value = after.value.slice(1)
    }
    dropDoubledStops(child)
  })
}

function replaceCites(node: Nodes, replacements: Map<Cite, PhrasingContent>, spaced: Set<PhrasingContent>, tight: Set<PhrasingContent>): void {
  if (!('children' in node)) return
  const parent = node as Parent
  parent.children = parent.children.map((child) => (child.type === 'cite' ? (replacements.get(child) ?? child) : child)) as Parent['children']
  parent.children.forEach((child, i) => {
    const before = parent.children[i - 1]
    if (spaced.has(child as PhrasingContent) && before?.type === 'text' && /[^\s([{“‘'"]$/u.test(before.value)) before.value += ' '
    if (tight.has(child as PhrasingContent) && before?.type === 'text') before.value = before.value.replace(/[ \t\n]+$/, '')
  })
  for (const child of parent.children) replaceCites(child, replacements, spaced, tight)
}
