/**
 * REST API bearer tokens: one agency each, shown once at creation; only their SHA-256 is stored,
 * so a database dump does not hand out API access. Creation and revocation are audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import { fail } from '../domain/errors.js';
import type { ApiToken } from '../generated/prisma/client.js';
import { audit } from '../services/audit.js';
import type { ActorRef, ServiceContext } from '../services/context.js';

/** `phk_` marks the string as a Penghubung key for secret scanners; 32 random bytes follow. */
const PREFIX = 'phk_';
/** What a well-formed token looks like; anything else is refused before the database is asked. */
export const TOKEN_PATTERN = /^phk_[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newTokenString(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export interface CreatedToken {
  token: string;
  row: ApiToken;
}

/** Create a token for an agency; the plain token is returned here and nowhere else. */
export async function createApiToken(ctx: ServiceContext, actor: ActorRef, input: { agencyId: string; name: string }): Promise<CreatedToken> {
  const name = input.name.trim();
  if (!name || name.length > 100) fail('INVALID_ARGS', { field: 'name', expected: 'nama token 1–100 karakter' });
  const token = newTokenString();
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { agencyId: input.agencyId, name, tokenHash: hashToken(token) } });
    await audit(tx, actor, 'api_token_created', { agencyId: input.agencyId, subject: created.id, data: { name } });
    return created;
  });
  return { token, row };
}

export interface TokenListing extends ApiToken {
  agencyCode: string;
}

export async function listApiTokens(ctx: ServiceContext, agencyId?: string): Promise<TokenListing[]> {
  const rows = await ctx.db.apiToken.findMany({ where: agencyId ? { agencyId } : {}, orderBy: { createdAt: 'asc' } });
  const agencies = await ctx.db.agency.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.agencyId))] } }, select: { id: true, code: true } });
  const code = new Map(agencies.map((a) => [a.id, a.code]));
  return rows.map((r) => ({ ...r, agencyCode: code.get(r.agencyId) ?? '?' }));
}

export type RevokeResult = { revoked: ApiToken; already: boolean } | { ambiguous: ApiToken[] };

/**
 * Revoke the one token whose id starts with `idPrefix` (at least 4 hex digits). Revoking an
 * already revoked token changes nothing (`already: true`).
 */
export async function revokeApiToken(ctx: ServiceContext, actor: ActorRef, idPrefix: string): Promise<RevokeResult> {
  const prefix = idPrefix.trim().toLowerCase();
  if (!/^[0-9a-f-]{4,36}$/.test(prefix)) fail('INVALID_ARGS', { field: 'id', value: idPrefix, expected: 'awalan id token, minimal 4 karakter heksadesimal' });
  const matches = await ctx.db.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM api_token WHERE id::text LIKE ${`${prefix}%`} ORDER BY created_at LIMIT 10`;
  if (matches.length === 0) fail('NOT_FOUND', { what: 'Token', code: idPrefix });
  if (matches.length > 1) return { ambiguous: await ctx.db.apiToken.findMany({ where: { id: { in: matches.map((m) => m.id) } } }) };
  const id = matches[0]!.id;
  return ctx.db.$transaction(async (tx) => {
    const current = await tx.apiToken.findUniqueOrThrow({ where: { id } });
    if (current.revokedAt) return { revoked: current, already: true };
    const row = await tx.apiToken.update({ where: { id }, data: { revokedAt: ctx.clock.now() } });
    await audit(tx, actor, 'api_token_revoked', { agencyId: row.agencyId, subject: row.id, data: { name: row.name } });
    return { revoked: row, already: false };
  });
}
