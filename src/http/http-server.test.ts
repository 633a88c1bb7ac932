import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startHttpServer } from './http-server.js';

describe('startHttpServer', () => {
  it("switches off Node's request timeout so that a long upload is never cut by it", async () => {
    const http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      idleTimeoutMs: 1000,
      accessLog: undefined,
      handle: async () => ({ status: 204, headers: {} }),
      onError: () => undefined,
    });
    try {
      assert.equal(http.server.requestTimeout, 0);
      assert.equal(http.server.timeout, 0);
      assert.ok(http.server.headersTimeout > 0);
      const res = await fetch(`http://127.0.0.1:${http.port}/`);
      assert.equal(res.status, 204);
    } finally {
      await http.close();
    }
  });
});
