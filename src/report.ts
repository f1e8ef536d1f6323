/**
 * Diagnostics as the user reads them: `file:line:col  error|warning  message  [rule-id]`,
 * one a line on stderr, coloured only on a terminal without NO_COLOR.
 */
import path from 'node:path'
import type { VFileMessage } from 'vfile-message'
import { BriefError } from './errors.ts'

export interface ReportStyle {
  color: boolean
  cwd: string
}

export function defaultReportStyle(stream: { isTTY?: boolean } = process.stderr): ReportStyle {
  return { color: Boolean(stream.isTTY) && !process.env.NO_COLOR, cwd: process.cwd() }
}

export const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[39m` : text)

/** One diagnostic in our form, from its parts (`where` empty for a problem with no place). */
export function formatLine(where: string, fatal: boolean, reason: string, rule: string | undefined, note: string | undefined, color: boolean): string {
  const severity = fatal ? paint(color, 31, 'error') : paint(color, 33, 'warning')
  const text = `${where ? `${where}  ` : ''}${severity}  ${reason}${rule ? `  [${rule}]` : ''}`
  return note ? `${text}\n    ${note}` : text
}

/** `file:line:col`, the file relative to `cwd`. */
export function where(file: string | undefined, line: number | undefined, column: number | undefined, cwd: string): string {
  const name = file ? path.relative(cwd, path.resolve(cwd, file)) || file : '<input>'
  return `${name}:${line ?? 1}:${column ?? 1}`
}

/** A message as data, the one shape `--json` prints and the preview shows. */
export interface MessageData {
  file?: string
  line?: number
  column?: number
  severity: 'error' | 'warning'
  message: string
  rule?: string
  note?: string
}

export function messageData(m: VFileMessage): MessageData {
  return {
    ...(m.file ? { file: m.file } : {}),
    ...(m.line ? { line: m.line } : {}),
    ...(m.column ? { column: m.column } : {}),
    severity: m.fatal ? 'error' : 'warning',
    message: m.reason,
    ...(m.ruleId ? { rule: m.ruleId } : {}),
    ...(m.note ? { note: m.note } : {}),
  }
}

export function formatMessage(message: VFileMessage, style: ReportStyle): string {
  return formatLine(where(message.file, message.line, message.column, style.cwd), Boolean(message.fatal), message.reason, message.ruleId, message.note, style.color)
}

export function formatError(error: BriefError, style: ReportStyle): string {
  const head = error.file ? `${where(error.file, error.place?.line, error.place?.column, style.cwd)}  ` : ''
  const text = `${head}${paint(style.color, 31, 'error')}  ${error.message}`
  return error.hint ? `${text}\n    ${error.hint}` : text
}
