/**
 * CSL text as BibLaTeX's LaTeX, for pandoc 2.17 and our reader (citation-js) to read back the
 * exact text: `\ { } $ % & # _ ~ ^` escaped (`\$`, `\_`: pandoc 2.17 drops citation-js's
 * `\textdollar{}` and `\textunderscore{}`), `--` kept from becoming a dash and '' from becoming
 * a quote, CSL's markup (<i>, <b>, <sup>, <sub>, small caps, nocase) as LaTeX commands, and in
 * titles the words pandoc would re-case braced (`protectCase`).
 *
 * Glossary: chunk = a run of letters and digits, a run of spaces, or one other character, as
 * citeproc's case transforms split text.
 */
const specials: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '\u00A0': '~',
}

/** CSL's markup, as LaTeX; a tag CSL does not define is text. */
const markup: Record<string, string> = {
  '<i>': '\\textit{',
  '<b>': '\\textbf{',
  '<sup>': '\\textsuperscript{',
  '<sub>': '\\textsubscript{',
  '<span style="font-variant:small-caps;">': '\\textsc{',
  '<span class="nocase">': '{',
}
const tag = /(<(?:\/?(?:i|b|sup|sub|span)|span (?:style="font-variant:small-caps;"|class="nocase"))>)/

/** CSL text as LaTeX; `wrap` decides, chunk by chunk, which words to brace. */
export function escape(value: string, wrap?: (chunk: string) => boolean): string {
  const open: string[] = []
  let out = ''
  for (const [i, piece] of value.split(tag).entries()) {
    if (i % 2 === 1) {
      const command = markup[piece]
      if (command) {
        open.push(piece)
        out += command
        continue
      }
      if (piece.startsWith('</') && open.length) {
        open.pop()
        out += '}'
        continue
      }
    }
    for (const chunk of piece.match(/[\p{L}\p{N}]+|\s+|[^]/gu) ?? []) {
      const latex = [...chunk].map((c) => specials[c] ?? c).join('')
      out += wrap?.(chunk) ? `{${latex}}` : latex
    }
  }
  out += '}'.repeat(open.length)
  // "--" would be read as a dash, '' and `` as double quotes.
  return out.replace(/([-'`])(?=\1)/g, '$1{}')
}

/**
 * A title braced where pandoc would re-case it. For English (and entries without a language)
 * pandoc 2.17 puts titles in sentence case as citeproc's `withSentenceCase` does, chunk by
 * chunk (runs of letters and digits), with a state kept across the title: a capitalised word
 * ("Torkham") that does not start the title is put in lower case, and the first word of the
 * title or after ". ", "? ", "! " or ": " is capitalised. Those words are braced, which pandoc
 * and biblatex read as "keep this case" and our reader ignores.
 */
export function protectCase(value: string): string {
  let state: 'start' | 'sentence' | 'afterPunctuation' | 'other' = 'start'
  return escape(value, (chunk) => {
    const before = state
    const last = chunk.at(-1)!
    if (/[.?!:]/.test(last)) state = 'afterPunctuation'
    else if (/[\p{L}\p{N}]/u.test(last)) state = 'other'
    else if (/\s/.test(last) && state === 'afterPunctuation') state = 'sentence'
    else if (/[\s\-/\u2013\u2014]/.test(last)) state = 'other'
    if (!/^[\p{L}\p{N}]+$/u.test(chunk)) return false
    const capitalised = /^\p{Lu}\p{Ll}*$/u.test(chunk) || /^\p{Lt}\p{Ll}*$/u.test(chunk)
    const lower = /^\p{Ll}+$/u.test(chunk)
    const starting = before === 'start' || before === 'sentence'
    return (capitalised && before !== 'start') || (lower && starting && chunk[0] !== chunk[0]!.toUpperCase())
  })
}
