import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { StorageError } from '../../core/errors.js';

/**
 * A parsed element: its local name (namespace prefix removed), its child elements in document order,
 * and its own text (text and CDATA children joined, entities decoded). Attributes are dropped: no
 * request document of S3 or OSS carries meaning in them.
 */
export interface XmlNode {
  readonly name: string;
  readonly children: readonly XmlNode[];
  readonly text: string;
}

export const MALFORMED_XML_MESSAGE = 'The XML you provided was not well-formed or did not validate against our published schema';

export function malformedXml(): StorageError {
  return new StorageError('MalformedXML', MALFORMED_XML_MESSAGE);
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  // Entities are decoded below, strictly: fast-xml-parser would leave numeric references undecoded
  // and would expand entities declared in a DTD.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
});

const DOCTYPE_IN_PROLOG = /^\uFEFF?\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*<!DOCTYPE/;
// eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;

/**
 * Parses a request body into its root element. Throws StorageError('MalformedXML') for anything that
 * is not one well-formed XML 1.0 element: a DTD (so no entity can be declared, let alone expanded),
 * unknown entities, characters XML forbids, several roots or none. The caller enforces the size limit
 * before reading the body into a string.
 */
export function parseXml(xml: string): XmlNode {
  if (DOCTYPE_IN_PROLOG.test(xml) || NOT_XML_CHAR.test(xml) || XMLValidator.validate(xml) !== true) {
    throw malformedXml();
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (cause) {
    throw new StorageError('MalformedXML', MALFORMED_XML_MESSAGE, {}, { cause });
  }
  const roots = toNodes(parsed);
  if (roots.length !== 1 || roots[0] === undefined) throw malformedXml();
  return roots[0];
}

type RawNode = Record<string, unknown>;

function toNodes(raw: unknown): XmlNode[] {
  if (!Array.isArray(raw)) throw malformedXml();
  const nodes: XmlNode[] = [];
  for (const item of raw as unknown[]) {
    const node = toNode(item);
    if (node !== undefined) nodes.push(node);
  }
  return nodes;
}

function toNode(item: unknown): XmlNode | undefined {
  if (typeof item !== 'object' || item === null) throw malformedXml();
  const entry = Object.entries(item as RawNode).find(([k]) => k !== ':@');
  if (entry === undefined) return undefined;
  const [name, value] = entry;
  if (name === '#text' || name === '#cdata') return undefined;
  if (!Array.isArray(value)) throw malformedXml();
  const children: XmlNode[] = [];
  let text = '';
  for (const child of value as unknown[]) {
    if (typeof child !== 'object' || child === null) throw malformedXml();
    const c = child as RawNode;
    const raw = c['#text'];
    if (typeof raw === 'string') text += decodeEntities(raw);
    else if ('#cdata' in c) text += cdataText(c['#cdata']);
    else {
      const node = toNode(c);
      if (node !== undefined) children.push(node);
    }
  }
  return { name, children, text };
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return (value as unknown[])
    .map((v) => {
      const text = typeof v === 'object' && v !== null ? (v as RawNode)['#text'] : undefined;
      return typeof text === 'string' ? text : '';
    })
    .join('');
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&]*);|&/g, (_whole, ref: string | undefined) => {
    if (ref === undefined) throw malformedXml();
    const named = PREDEFINED[ref];
    if (named !== undefined) return named;
    const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (m === null) throw malformedXml();
    const codePoint = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    if (!isXmlChar(codePoint)) throw malformedXml();
    return String.fromCodePoint(codePoint);
  });
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

// --- reading a parsed tree ------------------------------------------------------------------------

/** The child elements with this name, in document order. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The one child with this name, undefined when absent; MalformedXML when repeated. */
export function optionalChild(node: XmlNode, name: string): XmlNode | undefined {
  const found = childrenNamed(node, name);
  if (found.length > 1) throw malformedXml();
  return found[0];
}

/** The one child with this name; MalformedXML when absent or repeated. */
export function requiredChild(node: XmlNode, name: string): XmlNode {
  const found = optionalChild(node, name);
  if (found === undefined) throw malformedXml();
  return found;
}

/** The root must carry the expected name; MalformedXML otherwise. */
export function expectRoot(node: XmlNode, name: string): XmlNode {
  if (node.name !== name) throw malformedXml();
  return node;
}
