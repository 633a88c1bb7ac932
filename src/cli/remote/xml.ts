import { XMLParser } from 'fast-xml-parser';

/** Elements that repeat in S3 and OSS responses: always arrays, even with one member. */
const repeated = new Set(['Contents', 'CommonPrefixes', 'Bucket', 'Upload', 'Part', 'Rule', 'Deleted', 'Error', 'Transition', 'Tag']);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  isArray: (name, jpath) => repeated.has(name) && (jpath as string).includes('.'),
});

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  readonly [name: string]: XmlValue | undefined;
}

/** The document's root element, by name. */
export function parseXml(text: string): XmlObject {
  return parser.parse(text) as XmlObject;
}

export function child(node: XmlValue | undefined, name: string): XmlValue | undefined {
  return node !== undefined && typeof node === 'object' && !Array.isArray(node) ? node[name] : undefined;
}

export function text(node: XmlValue | undefined, name: string): string | undefined {
  const v = child(node, name);
  return typeof v === 'string' ? v : v === undefined ? undefined : '';
}

export function list(node: XmlValue | undefined, name: string): XmlValue[] {
  const v = child(node, name);
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
