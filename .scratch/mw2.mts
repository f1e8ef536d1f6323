import { wordBoxes } from '../test/helpers/pdf.ts'
const words = wordBoxes('/tmp/tort/out/tort.pdf')
const i = words.findIndex((w) => w.word.startsWith('zc053'))
console.log(words.slice(i - 6, i + 4).map((w) => `${w.page} ${w.word} h=${(w.yMax - w.yMin).toFixed(1)}`).join('\n'))
