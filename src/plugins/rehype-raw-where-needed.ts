/**
 * Raw HTML written in a brief (`<abbr>`, `<a href>`, a `<table>` pasted from elsewhere) parsed
 * into the tree, where the sanitiser and the later plugins see it: rehype-raw, run only on a
 * tree that holds raw HTML. rehype-raw parses the whole tree again through parse5 whether or
 * not it holds any (0.14 s of an 80-page brief's print page); a tree without raw nodes comes
 * out of it as it went in, byte for byte in every output, which test/raw-pass.test.ts checks.
 */
import type { Root } from 'hast'
import rehypeRaw from 'rehype-raw'
import type { Plugin } from 'unified'
import { EXIT, visit } from 'unist-util-visit'

export interface Options {
  /** Parse every tree, with raw HTML or not, as rehype-raw alone does (default: `false`): the test's other side. */
  always?: boolean
}

export const rehypeRawWhereNeeded: Plugin<[(Options | null | undefined)?], Root> = function (options) {
  const parse = rehypeRaw()
  const always = options?.always ?? false
  return (tree, file) => (always || holdsRaw(tree) ? parse(tree, file) : tree)
}

/** Whether the tree has a raw node anywhere. */
function holdsRaw(tree: Root): boolean {
  let found = false
  visit(tree, 'raw', () => {
    found = true
    return EXIT
  })
  return found
}
