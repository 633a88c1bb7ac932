import { readFileSync } from 'node:fs';

/** Sections of an aws-style INI file; a nested block (`s3 =` then indented `key = value`) becomes `s3.key`. */
export type IniSections = Map<string, Map<string, string>>;

export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  let nested: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(raw)) continue;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (header?.[1] !== undefined) {
      const name = header[1].trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      nested = undefined;
      continue;
    }
    const kv = /^(\s*)([^=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(raw);
    if (kv === null || current === undefined) continue;
    const [, indent = '', key = '', value = ''] = kv;
    if (indent !== '' && nested !== undefined) current.set(`${nested}.${key.toLowerCase()}`, value);
    else if (value === '') nested = key.toLowerCase();
    else {
      nested = undefined;
      current.set(key.toLowerCase(), value);
    }
  }
  return sections;
}

/** The file's sections, or none when it does not exist. */
export function readIni(file: string): IniSections {
  try {
    return parseIni(readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') return new Map();
    throw e;
  }
}
