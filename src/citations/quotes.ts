/** Punctuation and quotation marks, where the locale sets punctuation inside them. */

/**
 * Where the locale puts punctuation inside quotation marks (US English), a comma or full stop
 * that a suffix or delimiter leaves after a closing quote goes inside it, and one after a
 * title's own "?" or "!" goes: "The Water Weapon," emphasis added; "Who Owns the Indus?" Dawn.
 * citeproc-js does this only for its own punctuation; pandoc's citeproc for the whole citation.
 */
export function punctuationIntoQuotes(html: string): string {
  return html
    .replace(/([”’])((?:<\/[^>]+>)*)([,.])/g, (all, quote: string, tags: string, mark: string, offset: number) =>
      closesQuote(html, offset) ? `${mark}${quote}${tags}` : all,
    )
    .replace(/([?!])((?:<\/[^>]+>)*)[,.]([”’])/g, '$1$2$3')
}

/**
 * Whether the ” or ’ at `index` closes a quotation: a ” always does; a ’ only where a ‘
 * opened one that nothing closed since (a ’ between letters, "Khan’s", is an apostrophe), so
 * "the farmers’" is a possessive, not a quote.
 */
export function closesQuote(text: string, index: number): boolean {
  if (text[index] === '”') return true
  if (text[index] !== '’') return false
  const opened = text.lastIndexOf('‘', index)
  if (opened < 0) return false
  for (let i = opened + 1; i < index; i++) {
    if (text[i] === '’' && !(/\p{L}/u.test(text[i - 1] ?? '') && /\p{L}/u.test(text[i + 1] ?? ''))) return false
  }
  return true
}
