/**
 * Third-party code we patch or lean on the insides of is pinned to the exact version the
 * patches were written for (see the patch register in docs/architecture.md), and every
 * installed package runs on the Node versions we support.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import semver from 'semver'
import { describe, expect, it } from 'vitest'
import { patchedCiteprocVersion } from '../src/citations/citeproc.ts'
import { readBibtexPluginVersion } from '../src/citations/bibtex-internals.ts'

const root = path.resolve(import.meta.dirname, '..')

interface Manifest {
  version: string
  engines?: { node?: unknown }
  dependencies?: Record<string, string>
}

/** A package.json as it is on disk (a package's `exports` can keep `require('<name>/package.json')` out). */
const manifest = (folder: string): Manifest => JSON.parse(readFileSync(path.join(root, folder, 'package.json'), 'utf8')) as Manifest

const ours = manifest('.')


const redo = (name: string, where: string, constant: string) =>
  `re-check each ${name} patch listed in docs/architecture.md (patch register) against the installed version, then update ${constant} in ${where} and the exact pin in package.json`

describe('patched third-party code', () => {
  it('runs the citeproc-js the patches in src/citations/citeproc.ts were written for', () => {
    const installed = manifest('node_modules/citeproc').version
    expect(installed, `citeproc ${installed} is installed, the patches were written for ${patchedCiteprocVersion}: ${redo('citeproc-js', 'src/citations/citeproc.ts', 'patchedCiteprocVersion')}`).toBe(patchedCiteprocVersion)
    expect(ours.dependencies?.citeproc, 'package.json must pin citeproc exactly (no ^ or ~), to the version the patches were written for').toBe(patchedCiteprocVersion)
  })

  it('patches the one citeproc-js that citation-js loads', () => {
    // A copy of its own under @citation-js/plugin-csl would be the one rendering, unpatched.
    const theirs = createRequire(fileURLToPath(import.meta.resolve('@citation-js/plugin-csl'))).resolve('citeproc')
    const patched = createRequire(path.join(root, 'src/citations/citeproc.ts')).resolve('citeproc')
    expect(theirs, `citation-js loads ${theirs}, src/citations/citeproc.ts patches ${patched}: make both resolve to one copy of citeproc`).toBe(patched)
  })

  it('runs the citation-js BibTeX plugin whose insides src/citations/bibtex-internals.ts reads', () => {
    const installed = manifest('node_modules/@citation-js/plugin-bibtex').version
    expect(installed, `@citation-js/plugin-bibtex ${installed} is installed, its insides are read as ${readBibtexPluginVersion} has them: ${redo('BibTeX plugin', 'src/citations/bibtex-internals.ts', 'readBibtexPluginVersion')}`).toBe(readBibtexPluginVersion)
    expect(ours.dependencies?.['@citation-js/plugin-bibtex'], 'package.json must pin @citation-js/plugin-bibtex exactly (no ^ or ~)').toBe(readBibtexPluginVersion)
  })
})

describe('installed packages', () => {
  it('all accept the running Node version in their engines field', () => {
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> }
    const refused: string[] = []
    for (const folder of Object.keys(lock.packages)) {
      // The root is this project; optional packages for other platforms are listed but not installed.
      if (!folder || !existsSync(path.join(root, folder, 'package.json'))) continue
      const { version, engines } = manifest(folder)
      const range = engines?.node
      // As npm checks it (npm-install-checks), so that this fails where `npm install` warns EBADENGINE.
      if (typeof range === 'string' && !semver.satisfies(process.version, range, { includePrerelease: true })) {
        refused.push(`${folder.replace(/^.*node_modules\//, '')}@${version} requires node ${range}`)
      }
    }
    expect(refused, `on Node ${process.version}, these packages refuse to run (npm warns EBADENGINE): pin a version that supports it, with an \`overrides\` entry in package.json for one that comes through another package`).toEqual([])
  })
})
