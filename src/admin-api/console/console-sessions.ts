import { randomBytes } from 'node:crypto';
import type { Principal } from '../../core/types.js';

export interface ConsoleSession {
  readonly id: string;
  /** Sent back in the x-cairn-csrf header of every state-changing call. */
  readonly csrfToken: string;
  readonly principal: Principal;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** Beyond this many live sessions the oldest is ended, so that sign-ins cannot grow memory without bound. */
const MAX_SESSIONS = 10_000;

/**
 * Console sign-ins, kept in this process's memory: a restart signs everybody out. The session id is the
 * cookie's value and never leaves the cookie; the CSRF token is given to the page, which a page of
 * another origin cannot read.
 */
export class ConsoleSessions {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly clock: () => number,
  ) {}

  create(principal: Principal): ConsoleSession {
    const now = this.clock();
    this.sweep(now);
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next();
      if (oldest.done === true) break;
      this.sessions.delete(oldest.value);
    }
    const session: ConsoleSession = {
      id: randomBytes(32).toString('base64url'),
      csrfToken: randomBytes(32).toString('base64url'),
      principal,
      createdAt: now,
      expiresAt: now + this.lifetimeMs,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id: 'expired' once its lifetime is over (and it is forgotten). */
  find(id: string): ConsoleSession | 'expired' | undefined {
    const session = this.sessions.get(id);
    if (session === undefined) return undefined;
    if (session.expiresAt <= this.clock()) {
      this.sessions.delete(id);
      return 'expired';
    }
    return session;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(now: number): void {
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}
