import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { isStorageError } from '../core/errors.js';
import { BodyStream } from './body-stream.js';

/** Just what BodyStream uses of an IncomingMessage. */
function fakeRequest(): IncomingMessage & EventEmitter {
  const req = new EventEmitter() as IncomingMessage & EventEmitter;
  Object.assign(req, { complete: false, pause: () => req, resume: () => req });
  return req;
}

describe('BodyStream', () => {
  it('survives a client hanging up before anyone reads the body, and hands the error to the next reader', async () => {
    const req = fakeRequest();
    const body = new BodyStream(req, 0);
    req.emit('data', Buffer.from('half a bo'));
    req.emit('aborted');
    await new Promise((r) => setImmediate(r));
    // Without a listener of its own this 'error' would have been unhandled: the process would exit.
    await assert.rejects(
      (async () => {
        for await (const _chunk of body) {
          // reading
        }
      })(),
      (e: unknown) => isStorageError(e, 'IncompleteBody'),
    );
  });

  it('fails with RequestTimeout when the client sends nothing for the idle time, even with nobody reading yet', async () => {
    const req = fakeRequest();
    const body = new BodyStream(req, 20);
    body.resume();
    await new Promise((r) => setTimeout(r, 60));
    assert.ok(isStorageError(body.errored, 'RequestTimeout'));
  });
});
