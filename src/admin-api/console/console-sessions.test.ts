import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConsoleSessions } from './console-sessions.js';
import { clearedSessionCookie, sessionCookie, sessionIdFrom } from './session-cookie.js';

const principal = { accountId: '111111111111', userName: null, accessKeyId: 'AK' };

describe('console sessions', () => {
  it('keeps a session for its lifetime, then reports it expired once and forgets it', () => {
    let now = 1000;
    const sessions = new ConsoleSessions(60_000, () => now);
    const s = sessions.create(principal);
    assert.notEqual(s.id, s.csrfToken);
    assert.equal(s.expiresAt, 61_000);
    assert.equal(sessions.find(s.id), s);
    now = 61_000;
    assert.equal(sessions.find(s.id), 'expired');
    assert.equal(sessions.find(s.id), undefined);
  });

  it('ends a session on sign-out', () => {
    const sessions = new ConsoleSessions(60_000, () => 0);
    const s = sessions.create(principal);
    sessions.end(s.id);
    assert.equal(sessions.find(s.id), undefined);
  });

  it('writes an HttpOnly, SameSite=Strict cookie on /_cairn/, Secure only under TLS', () => {
    assert.equal(sessionCookie('abc', 43_200, false), 'cairn_console=abc; Path=/_cairn/; Max-Age=43200; HttpOnly; SameSite=Strict');
    assert.equal(sessionCookie('abc', 10, true), 'cairn_console=abc; Path=/_cairn/; Max-Age=10; HttpOnly; SameSite=Strict; Secure');
    assert.match(clearedSessionCookie(false), /^cairn_console=; Path=\/_cairn\/; Max-Age=0;/);
  });

  it('reads the session id from a Cookie header and ignores malformed values', () => {
    const id = 'A'.repeat(43);
    assert.equal(sessionIdFrom(`other=1; cairn_console=${id}; x=y`), id);
    assert.equal(sessionIdFrom('cairn_console=short'), undefined);
    assert.equal(sessionIdFrom('cairn_console=bad value with spaces and more than twenty chars'), undefined);
    assert.equal(sessionIdFrom(undefined), undefined);
  });
});
