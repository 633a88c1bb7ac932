import type { Dice } from './prng.js';

/** A broken document and what was done to it (the label the summary counts). */
export interface Broken {
  readonly how: string;
  readonly body: Buffer;
}

/**
 * Breaks an XML request document so that no reading of it is a valid request: every mutation here
 * leaves it not well-formed (or, for `wrong-root`, not the document the endpoint takes). None relies
 * on luck, so a request built from a document naming existing keys or parts can only fail.
 */
export function breakXml(d: Dice, doc: string): Broken {
  const root = /<([A-Za-z][A-Za-z0-9]*)[\s>]/.exec(doc)?.[1] ?? 'Root';
  const closing = doc.lastIndexOf(`</${root}>`);
  const inside = (text: string) => {
    // A point strictly inside the root element's content, so the result cannot be a valid document.
    const at = d.between(doc.indexOf('>') + 1, Math.max(doc.indexOf('>') + 1, closing - 1));
    return Buffer.concat([Buffer.from(doc.slice(0, at)), Buffer.from(text, 'latin1'), Buffer.from(doc.slice(at))]);
  };
  const mutations: (() => Broken)[] = [
    () => ({ how: 'truncated', body: Buffer.from(doc.slice(0, d.int(Math.max(1, closing)))) }),
    () => ({ how: 'mismatched-close', body: Buffer.from(`${doc.slice(0, closing)}</${root}x>`) }),
    () => ({ how: 'unclosed-element', body: inside('<Dangling>') }),
    () => ({
      how: 'doctype-entity',
      body: Buffer.from(`<?xml version="1.0"?><!DOCTYPE ${root} [<!ENTITY x SYSTEM "file:///etc/passwd">]>${doc.replace('>', '>&x;')}`),
    }),
    () => ({
      how: 'billion-laughs',
      body: Buffer.from(
        `<!DOCTYPE ${root} [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${doc.replace('>', '>&c;')}`,
      ),
    }),
    () => ({ how: 'invalid-utf8', body: inside(d.pick(['\xff', '\xc0\xaf', '\x80', '\xed\xa0\x80', '\xe0\xa4', '\xf8\x88\x80\x80\x80'])) }),
    () => ({ how: 'control-char', body: inside(d.pick(['\x00', '\x01', '\x08', '\x0b', '\x1f'])) }),
    () => ({ how: 'second-root', body: Buffer.from(`${doc}<${root}/>`) }),
    () => ({ how: 'text-after-root', body: Buffer.from(`${doc}trailing`) }),
    () => ({ how: 'garbage-prefix', body: Buffer.concat([Buffer.from('x<'), d.bytes(d.between(1, 16)), Buffer.from(doc)]) }),
    () => ({ how: 'unknown-entity', body: inside('&bogus;') }),
    () => ({ how: 'bare-ampersand', body: inside(' & ') }),
    () => ({ how: 'bad-char-reference', body: inside(d.pick(['&#0;', '&#x1;', '&#xD800;', '&#x110000;', '&#;', '&#xZZ;'])) }),
    () => ({ how: 'duplicate-attribute', body: Buffer.from(doc.replace(`<${root}`, `<${root} a="1" a="2"`)) }),
    () => ({ how: 'deep-nesting', body: Buffer.from(`${'<N>'.repeat(40)}${doc}${'</N>'.repeat(40)}`) }),
    () => ({ how: 'wrong-root', body: Buffer.from(doc.replaceAll(`<${root}`, '<NotTheRoot').replaceAll(`</${root}>`, '</NotTheRoot>')) }),
    () => ({ how: 'empty', body: Buffer.alloc(0) }),
    () => ({ how: 'json-instead', body: Buffer.from('{"Part":[{"PartNumber":1}]}') }),
    () => ({ how: 'cdata-unclosed', body: inside('<![CDATA[never closed') }),
    () => ({ how: 'comment-double-dash', body: inside('<!-- a -- b -->') }),
  ];
  return d.pick(mutations)();
}

/** Breaks a JSON request body: not JSON, not UTF-8, or not an object. */
export function breakJson(d: Dice, doc: string): Broken {
  const mutations: (() => Broken)[] = [
    // At least one character: an empty body is no document at all, which some operations accept.
    () => ({ how: 'truncated', body: Buffer.from(doc.slice(0, 1 + d.int(Math.max(1, doc.length - 1)))) }),
    () => ({ how: 'trailing-garbage', body: Buffer.from(`${doc}}`) }),
    () => ({
      how: 'invalid-utf8',
      body: Buffer.concat([Buffer.from(doc.slice(0, 2)), Buffer.from([0xff, 0xfe]), Buffer.from(doc.slice(2))]),
    }),
    () => ({ how: 'not-an-object', body: Buffer.from(d.pick(['[]', '"str"', '42', 'null', 'true', '[{"a":1}]'])) }),
    () => ({ how: 'single-quotes', body: Buffer.from(`${doc.replaceAll('"', "'")}'`) }),
    () => ({ how: 'deep-nesting', body: Buffer.from(`${'['.repeat(20_000)}${']'.repeat(20_000)}`) }),
    () => {
      // A top-level member of the document nested 15,000 deep: messages that print a value must not recurse on it.
      // (Only top-level names: a nested one on its own is an unknown member, which Glacier, like AWS, ignores.)
      const names = Object.keys(JSON.parse(doc) as Record<string, unknown>);
      const name = names.length === 0 ? 'x' : d.pick(names);
      return { how: 'deep-member', body: Buffer.from(`{"${name}":${'['.repeat(15_000)}${']'.repeat(15_000)}}`) };
    },
    () => ({ how: 'nan', body: Buffer.from(`${doc.replace(/:\s*("[^"]*"|\d+|true|false)/, ':NaN')}NaN`) }),
    () => ({ how: 'xml-instead', body: Buffer.from('<Policy><Rules/></Policy>') }),
  ];
  return d.pick(mutations)();
}

/** Percent-escapes that must never decode: malformed, truncated, overlong or not UTF-8. */
export const badEscapes = [
  '%',
  '%Z',
  '%ZZ',
  '%E0%A4%A',
  '%FF',
  '%FF%FF%FF%FF',
  '%C0%AF',
  '%ED%A0%80',
  '%F8%88%80%80%80',
  '%E2%82',
  '%%41',
  '%G0',
];
