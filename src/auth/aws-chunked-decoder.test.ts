import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { StorageError, type StorageErrorCode } from '../core/errors.js';
import { AwsChunkedDecoder, type AwsChunkedDecoderOptions } from './aws-chunked-decoder.js';
import { encodeAwsChunked } from './aws-chunked-encode.js';
import type { ChunkSigning } from './chunk-signature.js';
import { signingKey } from './signing-key.js';
import { EXAMPLE_SECRET, seededRandom, splitRandomly } from './test-fixtures.js';

const exampleSigning = (seedSignature: string): ChunkSigning => ({
  signingKey: signingKey(EXAMPLE_SECRET, '20130524', 'us-east-1', 's3'),
  amzDate: '20130524T000000Z',
  scope: '20130524/us-east-1/s3/aws4_request',
  seedSignature,
});

/** The body of "Signature Calculations for the Authorization Header: Transferring Payload in Multiple Chunks". */
const docChunkedBody = Buffer.concat([
  Buffer.from('10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n'),
  Buffer.alloc(65536, 'a'),
  Buffer.from('\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n'),
  Buffer.alloc(1024, 'a'),
  Buffer.from('\r\n0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n'),
]);
const docChunkedSigning = exampleSigning('4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9');

/** The same upload with a trailing CRC32C ("Signature calculations for trailing headers"). */
const docTrailerBody = Buffer.concat([
  Buffer.from('10000;chunk-signature=b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2\r\n'),
  Buffer.alloc(65536, 'a'),
  Buffer.from('\r\n400;chunk-signature=1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7\r\n'),
  Buffer.alloc(1024, 'a'),
  Buffer.from(
    '\r\n0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\r\n' +
      'x-amz-checksum-crc32c:sOO8/Q==\r\n' +
      'x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n\r\n',
  ),
]);
const docTrailerSigning = exampleSigning('106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e');

function decode(pieces: readonly Buffer[], options: AwsChunkedDecoderOptions): { data: Buffer; decoder: AwsChunkedDecoder } {
  const decoder = new AwsChunkedDecoder(options);
  const out: Buffer[] = [];
  for (const piece of pieces) decoder.push(piece, out);
  decoder.end();
  return { data: Buffer.concat(out), decoder };
}

function decodeFails(pieces: readonly Buffer[], options: AwsChunkedDecoderOptions, code: StorageErrorCode): StorageError {
  try {
    decode(pieces, options);
  } catch (e) {
    assert.ok(e instanceof StorageError, String(e));
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

const signedDoc: AwsChunkedDecoderOptions = {
  signing: docChunkedSigning,
  trailers: false,
  declaredTrailers: [],
  decodedContentLength: 66560,
};
const signedTrailerDoc: AwsChunkedDecoderOptions = {
  signing: docTrailerSigning,
  trailers: true,
  declaredTrailers: ['x-amz-checksum-crc32c'],
  decodedContentLength: 66560,
};
const unsigned = (trailers: readonly string[] = []): AwsChunkedDecoderOptions => ({
  signing: null,
  trailers: true,
  declaredTrailers: trailers,
});

describe('AwsChunkedDecoder with signed chunks', () => {
  it('decodes the AWS documentation example, verifying the three chunk signatures', () => {
    const { data, decoder } = decode([docChunkedBody], signedDoc);
    assert.ok(data.equals(Buffer.alloc(66560, 'a')));
    assert.equal(decoder.decodedLength, 66560);
    assert.deepEqual(decoder.trailers(), {});
  });

  it('decodes the AWS trailer example and verifies its trailer signature', () => {
    const { data, decoder } = decode([docTrailerBody], signedTrailerDoc);
    assert.equal(data.length, 66560);
    assert.deepEqual(decoder.trailers(), { 'x-amz-checksum-crc32c': 'sOO8/Q==' });
  });

  it('gives the same result for any split of the network reads (200 random splits)', () => {
    const random = seededRandom(42);
    for (let i = 0; i < 100; i++) {
      assert.equal(decode(splitRandomly(docChunkedBody, random, 3000), signedDoc).data.length, 66560);
      const { decoder } = decode(splitRandomly(docTrailerBody, random, 3000), signedTrailerDoc);
      assert.equal(decoder.trailers()['x-amz-checksum-crc32c'], 'sOO8/Q==');
    }
  });

  it('decodes a body fed one byte at a time', () => {
    const bytes = [...docTrailerBody].map((b) => Buffer.from([b]));
    assert.equal(decode(bytes, signedTrailerDoc).data.length, 66560);
  });

  it('answers SignatureDoesNotMatch when a data byte was changed', () => {
    const tampered = Buffer.from(docChunkedBody);
    tampered[66000] = 0x62;
    const err = decodeFails([tampered], signedDoc, 'SignatureDoesNotMatch');
    assert.match(String(err.details['StringToSign']), /^AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n/);
  });

  it('answers SignatureDoesNotMatch when a chunk signature was changed', () => {
    const tampered = Buffer.from(docChunkedBody.toString('latin1').replace('0055627c', '1055627c'), 'latin1');
    decodeFails([tampered], signedDoc, 'SignatureDoesNotMatch');
  });

  it('answers SignatureDoesNotMatch when the seed signature is not the one that chained the chunks', () => {
    decodeFails([docChunkedBody], { ...signedDoc, signing: exampleSigning('0'.repeat(64)) }, 'SignatureDoesNotMatch');
  });

  it('answers SignatureDoesNotMatch when chunks are reordered', () => {
    const random = seededRandom(7);
    const a = Buffer.alloc(100, 1);
    const b = Buffer.alloc(100, 2);
    const signing = exampleSigning('ab'.repeat(32));
    const [h1, d1, e1, h2, d2, e2, ...rest] = [...encodeAwsChunked([a, b], { signing })];
    const swapped = Buffer.concat([h2!, d2!, e2!, h1!, d1!, e1!, ...rest]);
    decodeFails(splitRandomly(swapped, random), { signing, trailers: false, declaredTrailers: [] }, 'SignatureDoesNotMatch');
  });

  it('answers SignatureDoesNotMatch for a wrong trailer signature or a changed trailer value', () => {
    decodeFails(
      [Buffer.from(docTrailerBody.toString('latin1').replace('d81f82fc', 'd81f82fd'), 'latin1')],
      signedTrailerDoc,
      'SignatureDoesNotMatch',
    );
    decodeFails(
      [Buffer.from(docTrailerBody.toString('latin1').replace('sOO8/Q==', 'AAAAAA=='), 'latin1')],
      signedTrailerDoc,
      'SignatureDoesNotMatch',
    );
  });

  it('answers SignatureDoesNotMatch when signed trailers come without their signature', () => {
    const stripped = docTrailerBody.toString('latin1').replace(/x-amz-trailer-signature:[0-9a-f]+\r\n/, '');
    decodeFails([Buffer.from(stripped, 'latin1')], signedTrailerDoc, 'SignatureDoesNotMatch');
  });

  it('refuses a signed chunk without chunk-signature', () => {
    decodeFails(
      [Buffer.from('3\r\nabc\r\n0\r\n\r\n')],
      { signing: docChunkedSigning, trailers: false, declaredTrailers: [] },
      'InvalidRequest',
    );
  });

  it('round-trips what encodeAwsChunked signs, with and without trailers', () => {
    const random = seededRandom(3);
    const signing = exampleSigning('cd'.repeat(32));
    const chunks = [Buffer.alloc(8 * 1024 * 1024 + 17, 7), Buffer.from('tail')];
    const wire = Buffer.concat([...encodeAwsChunked(chunks, { signing, trailers: { 'x-amz-checksum-crc32': 'AAAAAA==' } })]);
    const { data, decoder } = decode(splitRandomly(wire, random, 65536), {
      signing,
      trailers: true,
      declaredTrailers: ['x-amz-checksum-crc32'],
      decodedContentLength: 8 * 1024 * 1024 + 21,
    });
    assert.ok(data.equals(Buffer.concat(chunks)));
    assert.deepEqual(decoder.trailers(), { 'x-amz-checksum-crc32': 'AAAAAA==' });
  });
});

describe('AwsChunkedDecoder with unsigned chunks (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', () => {
  const sdkBody = Buffer.from('a\r\naaaaaaaaaa\r\n0\r\nx-amz-checksum-crc32:TBHN8A==\r\n\r\n');

  it('decodes the body @aws-sdk/client-s3 sends and delivers its trailer', () => {
    const { data, decoder } = decode([sdkBody], { ...unsigned(['x-amz-checksum-crc32']), decodedContentLength: 10 });
    assert.equal(data.toString(), 'aaaaaaaaaa');
    assert.deepEqual(decoder.trailers(), { 'x-amz-checksum-crc32': 'TBHN8A==' });
  });

  it('decodes it for every split into two reads', () => {
    for (let cut = 0; cut <= sdkBody.length; cut++) {
      const { data, decoder } = decode([sdkBody.subarray(0, cut), sdkBody.subarray(cut)], unsigned(['x-amz-checksum-crc32']));
      assert.equal(data.toString(), 'aaaaaaaaaa', `cut at ${cut}`);
      assert.equal(decoder.trailers()['x-amz-checksum-crc32'], 'TBHN8A==');
    }
  });

  it('decodes random data in random chunk sizes split at random points', () => {
    const random = seededRandom(99);
    for (let round = 0; round < 50; round++) {
      const chunks = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        Buffer.from(Array.from({ length: Math.floor(random() * 5000) }, () => Math.floor(random() * 256))),
      );
      const wire = Buffer.concat([...encodeAwsChunked(chunks, { trailers: { 'x-amz-checksum-sha256': 'x' } })]);
      const { data } = decode(splitRandomly(wire, random, 700), unsigned(['x-amz-checksum-sha256']));
      assert.ok(data.equals(Buffer.concat(chunks)));
    }
  });

  it('accepts chunk extensions and uppercase hex sizes', () => {
    assert.equal(decode([Buffer.from('A;foo=bar\r\n0123456789\r\n0\r\n\r\n')], unsigned()).data.toString(), '0123456789');
  });

  it('accepts a body that ends right after the final chunk or after the trailer lines', () => {
    assert.equal(decode([Buffer.from('3\r\nabc\r\n0\r\n')], unsigned()).data.toString(), 'abc');
    assert.deepEqual(decode([Buffer.from('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n')], unsigned()).decoder.trailers(), {
      'x-amz-checksum-crc32': 'AAAAAA==',
    });
  });

  it('accepts a blank line between the final chunk and the trailers', () => {
    const { decoder } = decode(
      [Buffer.from('3\r\nabc\r\n0\r\n\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n')],
      unsigned(['x-amz-checksum-crc32']),
    );
    assert.equal(decoder.trailers()['x-amz-checksum-crc32'], 'AAAAAA==');
  });
});

describe('AwsChunkedDecoder framing errors', () => {
  it('answers IncompleteBody for a body truncated anywhere before the final chunk', () => {
    const wire = Buffer.from('5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n');
    for (const cut of [0, 2, 3, 5, 8, 10, 12, 18, 20, 21]) decodeFails([wire.subarray(0, cut)], unsigned(), 'IncompleteBody');
    decodeFails([docChunkedBody.subarray(0, 66000)], signedDoc, 'IncompleteBody');
  });

  it('answers IncompleteBody when x-amz-decoded-content-length disagrees with the chunks', () => {
    const wire = Buffer.from('5\r\nhello\r\n0\r\n\r\n');
    decodeFails([wire], { ...unsigned(), decodedContentLength: 6 }, 'IncompleteBody');
    decodeFails([wire], { ...unsigned(), decodedContentLength: 4 }, 'IncompleteBody');
  });

  it('answers InvalidRequest for a chunk size that is not hex, or data not followed by CRLF', () => {
    decodeFails([Buffer.from('zz\r\nhello\r\n0\r\n\r\n')], unsigned(), 'InvalidRequest');
    decodeFails([Buffer.from('4\r\nhello\r\n0\r\n\r\n')], unsigned(), 'InvalidRequest');
    decodeFails([Buffer.from('5\nhello\r\n0\r\n\r\n')], unsigned(), 'InvalidRequest');
  });

  it('answers InvalidRequest for an endless chunk header line', () => {
    decodeFails([Buffer.alloc(10_000, '1')], unsigned(), 'InvalidRequest');
  });

  it('answers InvalidRequest for data after the end of the body', () => {
    decodeFails([Buffer.from('0\r\n\r\nextra')], { signing: null, trailers: false, declaredTrailers: [] }, 'InvalidRequest');
    decodeFails([Buffer.from('0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\nextra')], unsigned(), 'InvalidRequest');
  });

  it('answers InvalidRequest when an announced trailer does not arrive', () => {
    decodeFails([Buffer.from('0\r\n\r\n')], unsigned(['x-amz-checksum-crc32']), 'InvalidRequest');
  });

  it('answers InvalidRequest for trailers on a payload mode without trailers', () => {
    decodeFails(
      [Buffer.from('0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n')],
      { signing: null, trailers: false, declaredTrailers: [] },
      'InvalidRequest',
    );
  });
});

describe('AwsChunkedDecoder speed', () => {
  it('decodes 64 MiB of 8 MiB unsigned chunks in 64 KiB reads in under a quarter of the time of one SHA-256 pass', () => {
    const chunk = Buffer.alloc(8 * 1024 * 1024, 1);
    const wire = Buffer.concat([...encodeAwsChunked(Array.from({ length: 8 }, () => chunk))]);
    const reads: Buffer[] = [];
    for (let pos = 0; pos < wire.length; pos += 65536) reads.push(wire.subarray(pos, pos + 65536));
    const best = (f: () => void): number => {
      let min = Infinity;
      for (let i = 0; i < 3; i++) {
        const t = process.hrtime.bigint();
        f();
        min = Math.min(min, Number(process.hrtime.bigint() - t));
      }
      return min;
    };
    const decodeTime = best(() => {
      const decoder = new AwsChunkedDecoder(unsigned());
      const out: Buffer[] = [];
      let bytes = 0;
      for (const read of reads) {
        decoder.push(read, out);
        for (const piece of out) bytes += piece.length;
        out.length = 0;
      }
      decoder.end();
      assert.equal(bytes, 64 * 1024 * 1024);
    });
    const hashTime = best(() => createHash('sha256').update(wire).digest());
    assert.ok(decodeTime < hashTime / 4, `decode ${decodeTime / 1e6} ms vs sha256 ${hashTime / 1e6} ms`);
  });
});
