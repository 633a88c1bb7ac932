// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeListValue } from './encode-list-value.js';

describe('encodeListValue', () => {
  it('leaves values alone without encoding-type', () => {
    assert.equal(encodeListValue('a b+c', undefined), 'a b+c');
  });

  it('percent-encodes for encoding-type=url so that form decoders and decodeURIComponent agree', () => {
    const value = 'dir/a b+c%é\u0001\r';
    const encoded = encodeListValue(value, 'url');
    assert.equal(encoded, 'dir/a%20b%2Bc%25%C3%A9%01%0D');
    assert.equal(decodeURIComponent(encoded), value);
    assert.equal(new URLSearchParams(`k=${encoded}`).get('k'), value);
  });
});
