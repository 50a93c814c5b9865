import { createHash, randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

import type { StaffIdentity } from '../accounts/staff-account';
import type { PendingOidcSignIn } from '../oidc/oidc-sign-in.service';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import { CONSOLE_REDIS } from '../database/console-pool';

/**
 * A session, kept server-side in Redis (CSL-3). Anonymous sessions hold only the CSRF token of
 * the sign-in form; `pendingTotp` is a person who gave the right password and still owes a code.
 */
export interface SessionData {
  csrfToken: string;
  identity?: StaffIdentity;
  pendingTotp?: { accountId: string };
  /** When the person signed in (ms): a session ends after 12 hours whatever its activity. */
  signedInAt?: number;
  flash?: string;
  /** A sign-in sent to the OpenID Connect provider and not yet back (its state, nonce, PKCE). */
  oidcPending?: PendingOidcSignIn;
}

export interface Session {
  id: string;
  data: SessionData;
}

const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** Redis keys hold the id's hash, so a read of Redis does not hand out live session ids. */
function keyOf(prefix: string, id: string): string {
  return `${prefix}:session:${createHash('sha256').update(id).digest('hex')}`;
}

@Injectable()
export class SessionStore {
  constructor(
    @Inject(CONSOLE_REDIS) private readonly redis: Redis,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  /** Reads a session and slides its idle expiry; null when unknown, idle too long or too old. */
  async read(id: string | undefined, now = Date.now()): Promise<Session | null> {
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const raw = await this.redis.get(keyOf(this.config.sessionPrefix, id));
    if (!raw) return null;
    const data = JSON.parse(raw) as SessionData;
    if (data.signedInAt !== undefined && now - data.signedInAt > ABSOLUTE_LIFETIME_MS) {
      await this.destroy(id);
      return null;
    }
    await this.redis.expire(keyOf(this.config.sessionPrefix, id), this.config.idleTimeoutSeconds);
    return { id, data };
  }

  async create(data: Omit<SessionData, 'csrfToken'>): Promise<Session> {
    const session = {
      id: randomBytes(32).toString('base64url'),
      data: { ...data, csrfToken: randomBytes(32).toString('base64url') },
    };
    await this.save(session);
    return session;
  }

  async save(session: Session): Promise<void> {
    await this.redis.set(
      keyOf(this.config.sessionPrefix, session.id),
      JSON.stringify(session.data),
      'EX',
      this.config.idleTimeoutSeconds,
    );
  }

  async destroy(id: string): Promise<void> {
    await this.redis.del(keyOf(this.config.sessionPrefix, id));
  }
}
