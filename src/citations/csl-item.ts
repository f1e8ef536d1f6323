/**
 * A source as CSL-JSON, the one shape citeproc-js takes: the readers (sources.ts and the
 * format-specific modules beside it) make it, the engine reads it. It lives apart so that a
 * reader and the module that calls it need not import each other for it.
 */
export type CslItem = Record<string, unknown> & { id: string; type?: string }
