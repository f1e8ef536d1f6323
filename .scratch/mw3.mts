import { readFileSync } from 'node:fs'
import { bodyText, missingWords } from '../test/helpers/pdf.ts'
const markdown = readFileSync('/tmp/tort/brief.md', 'utf8')
const body = markdown.split(/^---$/m).slice(2).join('---').split(/^\[\^/m)[0]!.replace(/\[@[^\]]+\]|\[\^[^\]]+\]|^[|>#-]+|\|/gm, ' ')
const text = bodyText('/tmp/tort/out/tort.pdf')
const missing = missingWords(body, text)
console.log(missing.length, missing.slice(0, 5))
const i = text.indexOf('implementation agreement. With a long')
console.log(JSON.stringify(text.slice(i - 400, i + 60)))
const j = body.indexOf('implementation agreement. With a long')
console.log(JSON.stringify(body.slice(j - 400, j + 60)))
