/**
 * Running one output's tail on the Markdown stage's tree. Each tail gets its own copy: the
 * tree is shared by every output of the brief, and later plugins (hyphenation, images) change
 * the nodes they are given.
 */
import type { Root as HastRoot } from 'hast'
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import type { Tail } from '../../pipeline/processor.ts'

export async function runTail(tail: Tail, tree: Root, file: VFile): Promise<HastRoot> {
  return tail.run(structuredClone(tree), file)
}
