/**
 * An image a brief uses, as the Markdown stage judged it (src/plugins/remark-resources.ts):
 * read from the brief's folder, kept as a remote link (only with --allow-remote), or refused.
 * Each output carries it its own way.
 */
export type Resource =
  | { kind: 'local'; path: string; mediaType: string; data: Uint8Array }
  | { kind: 'remote'; url: string }
  | { kind: 'refused' }
