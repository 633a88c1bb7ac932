// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { el, escapeXmlAttribute, escapeXmlText, optionalEl, renderXmlElement, xmlDocument } from './xml-writer.js';
import { parseXml } from './xml-reader.js';

describe('xml writer', () => {
  it('writes a declaration and nested elements', () => {
    const doc = xmlDocument(el('Root', [el('A', 'x'), el('B', 3), el('C', true)], { xmlns: 'urn:x' }));
    assert.equal(doc, '<?xml version="1.0" encoding="UTF-8"?>\n<Root xmlns="urn:x"><A>x</A><B>3</B><C>true</C></Root>');
  });

  it('writes empty text and empty child lists as self-closing elements', () => {
    assert.equal(renderXmlElement(el('Prefix', '')), '<Prefix/>');
    assert.equal(renderXmlElement(el('Empty')), '<Empty/>');
  });

  it('skips absent children so optional elements can be written inline', () => {
    const xml = renderXmlElement(el('R', [optionalEl('A', undefined), null, false, optionalEl('B', 0)]));
    assert.equal(xml, '<R><B>0</B></R>');
  });

  it('escapes markup characters in text and quotes like S3 does in ETags', () => {
    assert.equal(escapeXmlText('a<b>&"c"\'d'), "a&lt;b&gt;&amp;&quot;c&quot;'d");
    assert.equal(escapeXmlText(']]>'), ']]&gt;');
  });

  it('keeps tab and LF in text but writes CR as a reference so it survives parsing', () => {
    assert.equal(escapeXmlText('a\tb\nc\rd'), 'a\tb\nc&#13;d');
    const back = parseXml(xmlDocument(el('K', 'a\tb\nc\rd\r\ne')));
    assert.equal(back.text, 'a\tb\nc\rd\r\ne');
  });

  it('replaces characters XML 1.0 cannot carry with U+FFFD so the document stays well-formed', () => {
    assert.equal(escapeXmlText('a\u0000b\u0001c\u001Fd\uFFFEe\uFFFF'), 'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFD');
    assert.equal(escapeXmlText('x\uD800y'), 'x\uFFFDy');
    const doc = xmlDocument(el('K', 'bad\u0001key\u000B'));
    assert.equal(parseXml(doc).text, 'bad\uFFFDkey\uFFFD');
  });

  it('keeps characters outside the BMP intact', () => {
    assert.equal(escapeXmlText('emoji 😀 and é'), 'emoji 😀 and é');
  });

  it('escapes attribute values including whitespace that normalisation would fold', () => {
    assert.equal(escapeXmlAttribute('a"b<&\t\n\r'), 'a&quot;b&lt;&amp;&#9;&#10;&#13;');
  });
});
