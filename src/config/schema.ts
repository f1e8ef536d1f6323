/**
 * brief.config.yaml: the institute's settings. This table is both the validator and the
 * documentation (docs/reference.md's configuration section lists the same keys).
 */
export interface InstituteConfig {
  /** Institute name in the masthead (default: `Institute of Strategic Studies Islamabad`). */
  name: string
  /** Web address in the contact line, e.g. `www.issi.org.pk` (default: none). */
  web?: string
  /** Phone number(s) in the contact line (default: none). */
  phone?: string
  /** Fax number in the contact line (default: none). */
  fax?: string
  /** Disclaimer under the date, unless a brief sets its own (default: none). */
  disclaimer?: string
  /** Series label when a brief sets no `type` (default: `Issue Brief`). */
  type: string
  /** Citation style: a name from styles/ or a path relative to the config file (default: `issi`). */
  csl: string
  /** Layout template (default: `issue-brief`, the only one so far). */
  template: string
  /** Logo image for the masthead, relative to the config file (default: none). */
  logo?: string
  /** Hyphenate capitalised words and acronyms at line ends in print (default: `false`). */
  'hyphenate-names'?: boolean
}

type Field = { kind: 'text' | 'boolean'; required?: boolean; doc: string }

export const configFields: Record<keyof InstituteConfig, Field> = {
  name: { kind: 'text', doc: 'Institute name in the masthead' },
  web: { kind: 'text', doc: 'Web address in the contact line' },
  phone: { kind: 'text', doc: 'Phone number(s) in the contact line' },
  fax: { kind: 'text', doc: 'Fax number in the contact line' },
  disclaimer: { kind: 'text', doc: 'Default disclaimer under the date' },
  type: { kind: 'text', doc: 'Default series label' },
  csl: { kind: 'text', doc: 'Default citation style (name in styles/ or path)' },
  template: { kind: 'text', doc: 'Layout template' },
  logo: { kind: 'text', doc: 'Masthead logo image' },
  'hyphenate-names': { kind: 'boolean', doc: 'Hyphenate proper nouns and acronyms in print (true or false)' },
}

export const defaultConfig: InstituteConfig = {
  name: 'Institute of Strategic Studies Islamabad',
  type: 'Issue Brief',
  csl: 'issi',
  template: 'issue-brief',
}

export const templates = ['issue-brief'] as const
