/**
 * The public API: what code outside this package may rely on. A test pins this list.
 */
export { build, type BuildOptions, type BuildReport, type BriefResult, type Format } from './core/build.ts'
export { check, type CheckOptions, type CheckResult } from './core/check.ts'
export { formatBibliography, type BibOptions, type BibResult, type BibFormat } from './core/bib.ts'
export { newBrief, type NewBriefOptions } from './core/new.ts'
export { createBriefProcessor, type MarkdownOptions, type TailOptions } from './pipeline/processor.ts'
export { loadConfig } from './config/load.ts'
export type { InstituteConfig } from './config/schema.ts'
export { findCitations } from './citations/syntax.ts'
export { BriefError, UsageError, ConfigError, BrowserError, CancelledError } from './errors.ts'
