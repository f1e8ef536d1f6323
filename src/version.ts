import { readFileSync } from 'node:fs'
import { toolkitPath } from './toolkit.ts'

const pkg = JSON.parse(readFileSync(toolkitPath('package.json'), 'utf8')) as { name: string; version: string }

export const version: string = pkg.version
export const generator = `${pkg.name} ${pkg.version}`
