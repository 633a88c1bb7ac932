/**
 * A tiny XML 1.0 writer for response documents.
 *
 * Characters that XML 1.0 cannot carry at all (C0 controls other than tab, LF and CR, lone surrogates,
 * U+FFFE and U+FFFF) are replaced by U+FFFD: not even a character reference may name them, so writing
 * them any other way would produce a document that conforming parsers reject. A key holding such a
 * character is therefore listed faithfully only with `encoding-type=url`, which boto3, the aws CLI and
 * rclone request by default. CR is written as `&#13;` so that parsers do not fold it into LF; in
 * attributes tab and LF are written as references too, which keeps them through attribute-value
 * normalisation.
 */

export type XmlScalar = string | number | boolean;
/** Absent children (undefined, null, false) are skipped, so optional elements can be written inline. */
export type XmlChild = XmlElement | undefined | null | false;

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Text, or child elements (an empty list writes `<name/>`). */
  readonly content: XmlScalar | readonly XmlChild[];
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export function el(
  name: string,
  content: XmlScalar | readonly XmlChild[] = [],
  attributes: Readonly<Record<string, string>> = {},
): XmlElement {
  return { name, attributes, content };
}

/** An element with text content, or nothing when the value is absent. */
export function optionalEl(name: string, value: XmlScalar | undefined | null): XmlElement | undefined {
  return value === undefined || value === null ? undefined : el(name, value);
}

/** A whole document: declaration, then the root element. */
export function xmlDocument(root: XmlElement): string {
  return XML_DECLARATION + '\n' + renderXmlElement(root);
}

export function renderXmlElement(element: XmlElement): string {
  const out: string[] = [];
  write(element, out);
  return out.join('');
}

function write(element: XmlElement, out: string[]): void {
  out.push('<', element.name);
  for (const [name, value] of Object.entries(element.attributes)) {
    out.push(' ', name, '="', escapeXmlAttribute(value), '"');
  }
  const { content } = element;
  if (typeof content !== 'object') {
    const text = escapeXmlText(String(content));
    if (text === '') out.push('/>');
    else out.push('>', text, '</', element.name, '>');
    return;
  }
  const children = content.filter((c): c is XmlElement => c !== undefined && c !== null && c !== false);
  if (children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const child of children) write(child, out);
  out.push('</', element.name, '>');
}

// With the `u` flag, [\uD800-\uDFFF] matches only surrogates that are not part of a pair.
/* eslint-disable no-control-regex -- these patterns exist to find the control characters XML forbids */
const TEXT_SPECIAL = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;
const TEXT_SPECIAL_ALL = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;
const ATTR_SPECIAL = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;
const ATTR_SPECIAL_ALL = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;
/* eslint-enable no-control-regex */

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function replace(ch: string): string {
  return REPLACEMENTS[ch] ?? '\uFFFD';
}

/** Escapes element text (see the module comment for characters XML 1.0 cannot carry). */
export function escapeXmlText(text: string): string {
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIAL_ALL, replace) : text;
}

/** Escapes a double-quoted attribute value. */
export function escapeXmlAttribute(value: string): string {
  return ATTR_SPECIAL.test(value) ? value.replace(ATTR_SPECIAL_ALL, replace) : value;
}
