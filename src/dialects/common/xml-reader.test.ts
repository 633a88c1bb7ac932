// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isStorageError } from '../../core/errors.js';
import { MALFORMED_XML_MESSAGE, childrenNamed, expectRoot, optionalChild, parseXml, requiredChild, xmlText } from './xml-reader.js';

function assertMalformed(fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isStorageError(e, 'MalformedXML'), String(e));
    assert.equal(e.message, MALFORMED_XML_MESSAGE);
    return true;
  });
}

describe('xml reader', () => {
  it('parses elements in document order with their text, dropping namespaces and attributes', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<s3:Delete xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<s3:Object a="1"><s3:Key>b</s3:Key></s3:Object><s3:Object><s3:Key>a</s3:Key></s3:Object></s3:Delete>',
    );
    assert.equal(root.name, 'Delete');
    assert.deepEqual(
      childrenNamed(root, 'Object').map((o) => requiredChild(o, 'Key').text),
      ['b', 'a'],
    );
  });

  it('keeps whitespace inside text exactly (object keys may start or end with spaces)', () => {
    const root = parseXml('<Key>  a b  </Key>');
    assert.equal(root.text, '  a b  ');
  });

  it('decodes the predefined entities and numeric character references', () => {
    const root = parseXml('<K>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#x1F600;&#13;&#x0A;</K>');
    assert.equal(root.text, '<>&\'"AB😀\r\n');
  });

  it('takes CDATA literally', () => {
    assert.equal(parseXml('<K><![CDATA[a&amp;<b>]]>c</K>').text, 'a&amp;<b>c');
  });

  it('refuses a document type declaration so no entity can ever be expanded', () => {
    assertMalformed(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'));
    assertMalformed(() => parseXml('<?xml version="1.0"?>\n<!-- c --><!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>'));
  });

  it('refuses unknown entities, bare ampersands and references to characters XML forbids', () => {
    assertMalformed(() => parseXml('<a>&foo;</a>'));
    assertMalformed(() => parseXml('<a>a & b</a>'));
    assertMalformed(() => parseXml('<a>&#0;</a>'));
    assertMalformed(() => parseXml('<a>&#x1;</a>'));
  });

  it('refuses raw control characters', () => {
    assertMalformed(() => parseXml('<a>\u0001</a>'));
  });

  it('refuses documents that are not one well-formed element', () => {
    for (const bad of ['', '   ', 'junk', '<a>', '<a><b></a>', '<a></a><b></b>', '<a>x</a>junk', '<1a/>', '<a>1 < 2</a>']) {
      assertMalformed(() => parseXml(bad));
    }
  });

  it('tells required, optional and repeated children apart', () => {
    const root = parseXml('<R><A>1</A><B>2</B><B>3</B></R>');
    assert.equal(requiredChild(root, 'A').text, '1');
    assert.equal(optionalChild(root, 'C'), undefined);
    assertMalformed(() => requiredChild(root, 'C'));
    assertMalformed(() => optionalChild(root, 'B'));
    assert.equal(expectRoot(root, 'R'), root);
    assertMalformed(() => expectRoot(root, 'X'));
  });

  it('accepts what real clients send: a declaration, a BOM, comments, processing instructions, empty elements', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- c --><?pi data?>\n<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<Quiet >true</Quiet><Object a=\'1\' b = "2"><Key>k</Key><VersionId/></Object><!----></Delete>\n<!-- after -->\n',
    );
    assert.equal(requiredChild(root, 'Quiet').text, 'true');
    assert.equal(requiredChild(requiredChild(root, 'Object'), 'VersionId').text, '');
  });

  it('refuses what XML 1.0 forbids: duplicate attributes, "--" in comments, "]]>" in text, a misplaced declaration', () => {
    for (const bad of [
      '<a b="1" b="2"/>',
      '<a b="1"c="2"/>',
      '<a b=1/>',
      '<a b="<"/>',
      '<a b="&x;"/>',
      '<a><!-- a -- b --></a>',
      '<a><!-- a ---></a>',
      '<a>]]></a>',
      '<a></a ',
      '<a></b>',
      '</a>',
      '<a/><?xml version="1.0"?>',
      ' <?xml version="1.0"?><a/>',
      '<?xml version="1.0"?><?xml version="1.0"?><a/>',
      '<![CDATA[x]]><a/>',
      '<a><![CDATA[x</a>',
      '<a><!ELEMENT a ANY></a>',
      '<a>\uD800</a>',
      '<a>\uDC00x</a>',
      '<a>\uFFFE</a>',
      '<a/>text',
      '<a><b/></a><c/>',
    ]) {
      assertMalformed(() => parseXml(bad));
    }
    assert.equal(parseXml('<a>\uD83D\uDE00</a>').text, '😀', 'a surrogate pair is one character');
  });

  it('refuses nesting deeper than any request document needs', () => {
    assert.equal(parseXml(`${'<a>'.repeat(32)}${'</a>'.repeat(32)}`).name, 'a');
    assertMalformed(() => parseXml(`${'<a>'.repeat(33)}${'</a>'.repeat(33)}`));
    assertMalformed(() => parseXml('<a>'.repeat(100_000)));
  });

  it('reads a ten-thousand-part document in one linear pass', () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>"e${i}"</ETag></Part>`);
    const root = parseXml(`<CompleteMultipartUpload>${parts.join('')}</CompleteMultipartUpload>`);
    assert.equal(childrenNamed(root, 'Part').length, 10_000);
    assert.equal(requiredChild(childrenNamed(root, 'Part')[9_999]!, 'ETag').text, '"e9999"');
  });

  it('decodes bodies strictly as UTF-8', () => {
    assert.equal(xmlText(Buffer.from('<a>é</a>')), '<a>é</a>');
    assertMalformed(() => xmlText(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])));
    assertMalformed(() => xmlText(Buffer.from([0x3c, 0x61, 0x3e, 0xc0, 0xaf, 0x3c, 0x2f, 0x61, 0x3e])));
  });
});
