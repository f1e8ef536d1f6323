// citation-js ships no type declarations; these cover the parts we use.
declare module '@citation-js/core' {
  export const plugins: {
    input: { chain(data: unknown, options?: { forceType?: string; generateGraphs?: boolean }): unknown }
    config: { get(name: string): unknown }
  }
  export const logger: { setLevel?(level: string): void; level: string }
  export class Cite {
    constructor(data: unknown)
    format(name: string, options?: Record<string, unknown>): unknown
  }
}
declare module '@citation-js/plugin-csl'
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-bibtex/lib/input/constants.js' {
  export const defaultStrings: Record<string, string>
}
declare module '@citation-js/plugin-bibtex/lib/input/file.js' {
  export function parse(text: string): Array<{ type: string; label: string; properties: Record<string, string> }>
}
declare module '@citation-js/plugin-bibtex/lib/input/value.js' {
  export function parse(latex: string, field: string): unknown
}

// hyphen ships no type declarations; every language module has the same shape.
declare module 'hyphen/*' {
  export function hyphenateSync(text: string, options?: { minWordLength?: number; hyphenChar?: string; exceptions?: string[] }): string
}
