/**
 * Bearer-token authentication: `Authorization: Bearer phk_…`. The token's SHA-256 is looked up;
 * unknown and revoked tokens are refused alike (401), and an address with too many failures in
 * the window is refused before any look-up (429 with Retry-After), even with a good token.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { ActorRef, ServiceContext } from '../services/context.js';
import type { Logger } from '../lib/logger.js';
import { rateLimited, unauthorized } from './errors.js';
import type { FailureLimiter } from './auth-limiter.js';
import { hashToken, TOKEN_PATTERN } from './tokens.js';

/** Who is calling: the token's agency and the actor recorded with every change. */
export interface ApiCaller {
  tokenId: string;
  agencyId: string;
  actor: ActorRef;
}

export type ApiEnv = { Variables: { caller: ApiCaller } };

/** lastUsedAt is written at most this often per token: a busy client must not cost a write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The client's address. Behind a reverse proxy (`trustProxy`), the right-most X-Forwarded-For
 * entry: the one our proxy appended, which the client cannot forge. Tests with `app.request()`
 * have no socket: everything counts as "unknown".
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const last = hops.at(-1);
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export interface AuthOptions {
  services: ServiceContext;
  log: Logger;
  limiter: FailureLimiter;
  trustProxy: boolean;
}

export function bearerAuth(opts: AuthOptions): MiddlewareHandler<ApiEnv> {
  const { services, limiter, log } = opts;
  return async (c, next) => {
    const address = clientAddress(c, opts.trustProxy);
    const nowMs = services.clock.now().getTime();
    const wait = limiter.retryAfterSeconds(address, nowMs);
    if (wait > 0) throw rateLimited(wait);
    const refuse = (why: string): never => {
      limiter.fail(address, nowMs);
      // The reason is logged for operators; the client only ever hears "not valid".
      log.info({ address, why, path: c.req.path }, 'api authentication failed');
      throw unauthorized();
    };
    const header = c.req.header('authorization');
    if (!header) return refuse('missing');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m || !TOKEN_PATTERN.test(m[1]!)) return refuse('malformed');
    const row = await services.db.apiToken.findUnique({ where: { tokenHash: hashToken(m[1]!) } });
    if (!row) return refuse('unknown');
    if (row.revokedAt) return refuse('revoked');
    await touch(opts, row.id, row.lastUsedAt);
    c.set('caller', { tokenId: row.id, agencyId: row.agencyId, actor: { personId: null, label: `API ${row.name}`, source: 'api' } });
    await next();
  };
}

/** Record use, at most once per LAST_USED_RESOLUTION_MS and token, also across replicas. */
async function touch(opts: AuthOptions, id: string, lastUsedAt: Date | null): Promise<void> {
  const now = opts.services.clock.now();
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (lastUsedAt && lastUsedAt > stale) return;
  try {
    await opts.services.db.apiToken.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
      data: { lastUsedAt: now },
    });
  } catch (err) {
    // Bookkeeping only: a failed write must not refuse an authenticated request.
    opts.log.warn({ err, tokenId: id }, 'could not record api token use');
  }
}
