import { readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string }

export const version: string = pkg.version
export const generator = `${pkg.name} ${pkg.version}`
