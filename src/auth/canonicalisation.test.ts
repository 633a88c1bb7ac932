import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalHeaders } from './canonical-headers.js';
import { canonicalQuery, canonicalQueryCandidates } from './canonical-query.js';
import { canonicalUri, canonicalUriCandidates } from './canonical-uri.js';
import { parseCredential } from './credential-scope.js';
import { signingKey, signingKeyCacheSize } from './signing-key.js';
import { percentDecode, uriEncode } from './uri-encode.js';

describe('uriEncode and percentDecode', () => {
  it('keep only RFC 3986 unreserved characters, with uppercase hex, per UTF-8 byte', () => {
    assert.equal(uriEncode("a-b_c.d~e f+g/h*!'()é"), 'a-b_c.d~e%20f%2Bg%2Fh%2A%21%27%28%29%C3%A9');
    assert.equal(uriEncode('a/b c', true), 'a/b%20c');
  });

  it('round-trip escapes of invalid UTF-8 and leave malformed escapes alone', () => {
    assert.equal(uriEncode(percentDecode('%ff%FE%zz%4')), '%FF%FE%25zz%254');
    assert.equal(percentDecode('a+b%20c').toString(), 'a+b c');
  });
});

describe('canonicalUri', () => {
  it('keeps an S3 path as sent and offers the AWS encoding of the decoded key second', () => {
    assert.deepEqual(canonicalUriCandidates('/b/a%20b/../c//d', 's3'), ['/b/a%20b/../c//d']);
    assert.deepEqual(canonicalUriCandidates('/b/test$file.text', 's3'), ['/b/test$file.text', '/b/test%24file.text']);
    assert.deepEqual(canonicalUriCandidates('/b/a%2fb', 's3'), ['/b/a%2fb', '/b/a%2Fb', '/b/a/b']);
    assert.equal(canonicalUri('', 's3'), '/');
  });

  it('normalises and encodes a second time for Glacier and other services', () => {
    assert.equal(canonicalUri('/-/vaults/my%20vault', 'glacier'), '/-/vaults/my%2520vault');
    assert.equal(canonicalUri('/a/./b/../c//d/', 'glacier'), '/a/c/d/');
    assert.equal(canonicalUri('', 'glacier'), '/');
  });
});

describe('canonicalQuery', () => {
  it('re-encodes names and values, sorts by name then value, and gives bare names an empty value', () => {
    assert.equal(canonicalQuery('b=2&a=z&a=y&uploads&c=%7e%2f+x'), 'a=y&a=z&b=2&c=~%2F%2Bx&uploads=');
    assert.equal(canonicalQuery('X-Amz-Signature=abc&x=1', 'X-Amz-Signature'), 'x=1');
  });

  it('offers the form-encoded reading of a literal plus as a second candidate', () => {
    assert.deepEqual(canonicalQueryCandidates('prefix=a+b'), ['prefix=a%2Bb', 'prefix=a%20b']);
  });
});

describe('canonicalHeaders', () => {
  it('trims values and collapses inner whitespace, in SignedHeaders order', () => {
    assert.equal(canonicalHeaders({ a: '  x   y ', b: 'z' }, ['a', 'b', 'c']), 'a:x y\nb:z\nc:\n');
  });
});

describe('parseCredential', () => {
  it('splits AKID/date/region/service/aws4_request and refuses other shapes', () => {
    assert.deepEqual(parseCredential('AKID/20130524/us-east-1/s3/aws4_request'), {
      accessKeyId: 'AKID',
      date: '20130524',
      region: 'us-east-1',
      service: 's3',
      scope: '20130524/us-east-1/s3/aws4_request',
    });
    assert.equal(parseCredential('AKID/2013/us-east-1/s3/aws4_request'), undefined);
    assert.equal(parseCredential('AKID/20130524/us-east-1/s3'), undefined);
  });
});

describe('signingKey', () => {
  it('derives the key of the AWS example (known hex) and caches at most 256 keys', () => {
    // kSigning for wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215, us-east-1, iam (AWS general reference).
    assert.equal(
      signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam').toString('hex'),
      'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
    );
    for (let i = 0; i < 300; i++) signingKey(`secret${i}`, '20240101', 'us-east-1', 's3');
    assert.equal(signingKeyCacheSize(), 256);
  });
});
