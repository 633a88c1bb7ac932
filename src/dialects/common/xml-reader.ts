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

/** Deeper than any request document of S3 or OSS (lifecycle rules nest five levels). */
const MAX_DEPTH = 32;

// XML 1.0 (fifth edition) names; the namespace prefix is removed afterwards.
const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
// eslint-disable-next-line no-misleading-character-class -- ranges of code points, as the XML specification lists them
const NAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, 'uy');
const SPACE = /[ \t\r\n]*/y;
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const XML_DECLARATION = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*("1\.[0-9]+"|'1\.[0-9]+')[^?<>]*\?>/;

/**
 * An element being read; when it closes, the same object becomes its XmlNode (one allocation per element:
 * a ten-thousand-part CompleteMultipartUpload makes thirty thousand of them).
 */
interface OpenElement {
  name: string;
  /** Allocated at the first child: most elements of a request document are leaves. */
  children: XmlNode[] | readonly XmlNode[];
  text: string;
}

const NO_CHILDREN: readonly XmlNode[] = Object.freeze([]);
const ONLY_SPACE = /^[ \t\r\n]*$/;

/** The element as closed: its local name, and an element with children keeps its text only when that is more than indentation. */
function closed(open: OpenElement): XmlNode {
  open.name = localName(open.name);
  if (open.children !== NO_CHILDREN && ONLY_SPACE.test(open.text)) open.text = '';
  return open;
}

function append(parent: OpenElement, node: XmlNode): void {
  if (parent.children === NO_CHILDREN) parent.children = [node];
  else (parent.children as XmlNode[]).push(node);
}

/**
 * Parses a request body into its root element: one pass, no intermediate tree, linear in the size of
 * the document (the caller enforces the size limit before reading the body into a string). Throws
 * StorageError('MalformedXML') for anything that is not one well-formed XML 1.0 element: a DTD (so no
 * entity can be declared, let alone expanded), unknown entities, characters XML forbids, mismatched or
 * unclosed tags, duplicate attributes, several roots or none, text outside the root, nesting deeper than
 * 32 elements.
 */
export function parseXml(xml: string): XmlNode {
  if (NOT_XML_CHAR.test(xml)) throw malformedXml();
  let pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const declaration = XML_DECLARATION.exec(xml.slice(pos, pos + 256));
  if (declaration !== null) pos += declaration[0].length;
  const stack: OpenElement[] = [];
  let root: XmlNode | undefined;

  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > pos) {
      const raw = xml.slice(pos, textEnd);
      const open = stack.at(-1);
      if (open === undefined) {
        if (!ONLY_SPACE.test(raw)) throw malformedXml();
      } else {
        if (raw.includes(']]>')) throw malformedXml();
        open.text += decodeEntities(raw);
      }
    }
    if (lt < 0) break;
    pos = lt;
    const next = xml.charCodeAt(pos + 1);
    if (next === 0x2f /* / */) {
      // The end tag must repeat the open element's name, then a name character may not follow.
      const open = stack.pop();
      if (open === undefined || !xml.startsWith(open.name, pos + 2) || isNameChar(xml, pos + 2 + open.name.length)) throw malformedXml();
      const end = skipSpace(xml, pos + 2 + open.name.length);
      if (xml.charCodeAt(end) !== 0x3e /* > */) throw malformedXml();
      const node = closed(open);
      const parent = stack.at(-1);
      if (parent === undefined) root = node;
      else append(parent, node);
      pos = end + 1;
    } else if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', pos)) {
        const end = xml.indexOf('-->', pos + 4);
        if (end < 0 || xml.slice(pos + 4, end).includes('--') || (end > pos + 4 && xml.charCodeAt(end - 1) === 0x2d)) throw malformedXml();
        pos = end + 3;
      } else if (xml.startsWith('<![CDATA[', pos)) {
        const open = stack.at(-1);
        const end = xml.indexOf(']]>', pos + 9);
        if (open === undefined || end < 0) throw malformedXml();
        open.text += xml.slice(pos + 9, end);
        pos = end + 3;
      } else throw malformedXml(); // <!DOCTYPE and every other declaration
    } else if (next === 0x3f /* ? */) {
      const target = nameAt(xml, pos + 2);
      const end = xml.indexOf('?>', pos + 2 + target.length);
      if (end < 0 || target.toLowerCase() === 'xml') throw malformedXml();
      const after = xml.charCodeAt(pos + 2 + target.length);
      if (end !== pos + 2 + target.length && after !== 0x20 && after !== 0x09 && after !== 0x0a && after !== 0x0d) throw malformedXml();
      pos = end + 2;
    } else {
      if (root !== undefined || stack.length >= MAX_DEPTH) throw malformedXml();
      const name = nameAt(xml, pos + 1);
      pos = attributes(xml, pos + 1 + name.length);
      if (xml.charCodeAt(pos) === 0x2f /* / */) {
        if (xml.charCodeAt(pos + 1) !== 0x3e) throw malformedXml();
        const node: XmlNode = { name: localName(name), children: NO_CHILDREN, text: '' };
        const parent = stack.at(-1);
        if (parent === undefined) root = node;
        else append(parent, node);
        pos += 2;
      } else {
        stack.push({ name, children: NO_CHILDREN, text: '' });
        pos += 1;
      }
    }
  }
  if (root === undefined || stack.length > 0) throw malformedXml();
  return root;
}

/** Names seen lately: a request document repeats a handful of names thousands of times; one string each. */
const recentNames: string[] = [];

function knownName(xml: string, pos: number, end: number): string {
  const length = end - pos;
  for (const name of recentNames) if (name.length === length && xml.startsWith(name, pos)) return name;
  const name = xml.slice(pos, end);
  if (recentNames.length >= 32) recentNames.shift();
  recentNames.push(name);
  return name;
}

function nameAt(xml: string, pos: number): string {
  // ASCII names (every name S3 and OSS define) without the regular expression; anything else through it.
  let end = pos;
  for (;;) {
    const c = xml.charCodeAt(end);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
    if (letter || (end > pos && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e))) end++;
    else if (c >= 0x80) break;
    else if (end > pos) return knownName(xml, pos, end);
    else throw malformedXml();
  }
  NAME.lastIndex = pos;
  const m = NAME.exec(xml);
  if (m === null) throw malformedXml();
  return m[0];
}

// eslint-disable-next-line no-misleading-character-class -- ranges of code points, as the XML specification lists them
const NAME_CHAR_AT = new RegExp(`[${NAME_CHAR}]`, 'uy');

function isNameChar(xml: string, pos: number): boolean {
  const c = xml.charCodeAt(pos);
  if (c === 0x3e || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) return false;
  NAME_CHAR_AT.lastIndex = pos;
  return NAME_CHAR_AT.test(xml);
}

function skipSpace(xml: string, pos: number): number {
  SPACE.lastIndex = pos;
  SPACE.exec(xml);
  return SPACE.lastIndex;
}

/** Checks the attributes of a start tag (names unique, values quoted, entities valid); returns the position of `>` or `/>`. */
function attributes(xml: string, pos: number): number {
  const seen = new Set<string>();
  for (;;) {
    const afterSpace = skipSpace(xml, pos);
    const c = xml.charCodeAt(afterSpace);
    if (c === 0x3e /* > */ || c === 0x2f /* / */) return afterSpace;
    if (afterSpace === pos) throw malformedXml(); // attributes are separated by white space
    const name = nameAt(xml, afterSpace);
    if (seen.has(name)) throw malformedXml();
    seen.add(name);
    let p = skipSpace(xml, afterSpace + name.length);
    if (xml.charCodeAt(p) !== 0x3d /* = */) throw malformedXml();
    p = skipSpace(xml, p + 1);
    const quote = xml[p];
    if (quote !== '"' && quote !== "'") throw malformedXml();
    const end = xml.indexOf(quote, p + 1);
    if (end < 0) throw malformedXml();
    const value = xml.slice(p + 1, end);
    if (value.includes('<')) throw malformedXml();
    decodeEntities(value);
    pos = end + 1;
  }
}

function localName(qualified: string): string {
  const colon = qualified.lastIndexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
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

/** A request body's bytes as text: invalid UTF-8 is MalformedXML, never replaced with U+FFFD. */
export function xmlText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw malformedXml();
  }
}

// --- reading a parsed tree ------------------------------------------------------------------------

/** The child elements with this name, in document order. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The one child with this name, undefined when absent; MalformedXML when repeated. */
export function optionalChild(node: XmlNode, name: string): XmlNode | undefined {
  let found: XmlNode | undefined;
  for (const c of node.children) {
    if (c.name !== name) continue;
    if (found !== undefined) throw malformedXml();
    found = c;
  }
  return found;
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
