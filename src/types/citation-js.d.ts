// citation-js ships no type declarations; these cover the parts we use.
declare module '@citation-js/core' {
  export const plugins: {
    input: { chain(data: unknown, options?: { forceType?: string; generateGraphs?: boolean }): unknown }
    config: { get(name: string): unknown }
  }
  export const logger: { setLevel?(level: string): void; level: string }
}
declare module '@citation-js/plugin-csl'
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-ris'
