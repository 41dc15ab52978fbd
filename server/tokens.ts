/** Project and admin tokens: random, shown once, stored as sha-256 hex, compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { STORE_DEFAULTS } from '../src/core/defaults.ts';

/** A new token: 256 random bits, base64url, with a prefix saying what it opens ("fbw_" write, "fbr_" read). */
export function newToken(kind: 'write' | 'read'): string {
  return `${kind === 'write' ? 'fbw_' : 'fbr_'}${randomBytes(STORE_DEFAULTS.tokenBytes).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `token` is the one whose hash is `hash`; the time taken does not depend on where they differ. */
export function tokenMatches(hash: string | null, token: string | null): boolean {
  if (hash === null || token === null) return false;
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bearer token of an Authorization header ("Bearer T"), or null. */
export function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
