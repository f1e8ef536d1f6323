/**
 * An image a brief uses, as the Markdown stage judged it (src/plugins/remark-resources.ts):
 * read from the brief's folder, kept as a remote link (only with --allow-remote), or refused.
 * Each output carries it its own way.
 */
export type Resource =
  /** Read through once (src/brief/image-check.ts): `mediaType` is what the bytes are; the size in pixels when known. */
  | { kind: 'local'; path: string; mediaType: string; data: Uint8Array; width?: number; height?: number }
  | { kind: 'remote'; url: string }
  | { kind: 'refused' }
