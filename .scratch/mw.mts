import { readFileSync } from 'node:fs'
import { pageTexts } from '../test/helpers/pdf.ts'
const file = '/tmp/tort/out/tort.pdf'
const markdown = readFileSync('/tmp/tort/brief.md', 'utf8')
const body = markdown.split(/^---$/m).slice(2).join('---').split(/^\[\^/m)[0]!.replace(/\[@[^\]]+\]|\[\^[^\]]+\]|^[|>#-]+|\|/gm, ' ')
const text = pageTexts(file).join('\n')
const i = text.indexOf('With a long address zc053')
console.log(JSON.stringify(text.slice(i - 300, i + 100)))
const j = body.indexOf('With a long address zc053')
console.log(JSON.stringify(body.slice(j - 300, j + 40)))
