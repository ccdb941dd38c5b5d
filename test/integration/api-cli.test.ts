import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.js';
import { hashToken, TOKEN_PATTERN } from '../../src/api/tokens.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/lib/logger.js';
import { openServices } from '../../src/services/bootstrap.js';
import { cliHarness, type CliHarness } from '../helpers/cli-env.js';

let cli: CliHarness;
beforeAll(async () => {
  cli = await cliHarness();
  expect((await cli.run('agency', 'add', '--code', 'BKN', '--name', 'Badan Kepegawaian Negara')).code).toBe(0);
  expect((await cli.run('agency', 'add', '--code', 'KEMENPAN', '--name', 'Kementerian PANRB')).code).toBe(0);
});
afterAll(() => cli.close());

/** Run `fn` against the CLI's database (closed again: embedded PGlite allows one opener at a time). */
async function withServices<T>(fn: (o: Awaited<ReturnType<typeof openServices>>) => Promise<T>): Promise<T> {
  const opened = await openServices(loadConfig(cli.env), silentLogger());
  try {
    return await fn(opened);
  } finally {
    await opened.db.close();
  }
}

/** Status of GET /api/v1/recap with `token`, through the real app on the CLI's database. */
const statusWith = (token: string) =>
  withServices(async ({ ctx }) => (await createApi({ services: ctx, log: silentLogger() }).request('/api/v1/recap', { headers: { authorization: `Bearer ${token}` } })).status);

describe('penghubung token', () => {
  let token = '';
  let id = '';

  it('creates a token, prints it once, and stores only its hash', async () => {
    const r = await cli.run('token', 'create', '--agency', 'bkn', '--name', 'lapor-sync');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^token [0-9a-f]{8} "lapor-sync" created for BKN:$/);
    token = lines[1]!;
    expect(token).toMatch(TOKEN_PATTERN);
    expect(lines[2]).toMatch(/not shown again/);
    id = lines[0]!.slice(6, 14);
    const rows = await withServices(({ ctx }) => ctx.db.apiToken.findMany());
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    expect(await statusWith(token)).toBe(200);
  });

  it('lists tokens without showing them', async () => {
    await cli.run('token', 'create', '--agency', 'KEMENPAN', '--name', 'dashboard');
    const all = await cli.run('token', 'list');
    expect(all.code).toBe(0);
    expect(all.out.split('\n')).toHaveLength(3);
    expect(all.out).toContain(`${id}\tBKN\tlapor-sync\t`);
    expect(all.out).toMatch(/\tactive$/m);
    expect(all.out).not.toContain(token);
    const one = await cli.run('token', 'list', '--agency', 'kemenpan');
    expect(one.out.split('\n').slice(1).map((l) => l.split('\t')[2])).toEqual(['dashboard']);
  });

  it('revokes by id prefix; the token stops working', async () => {
    const r = await cli.run('token', 'revoke', id.slice(0, 6));
    expect(r).toMatchObject({ code: 0, out: `token ${id} "lapor-sync" revoked` });
    expect(await statusWith(token)).toBe(401);
    expect((await cli.run('token', 'list', '--agency', 'BKN')).out).toMatch(new RegExp(`^${id}\\t.*\\trevoked \\d{4}-`, 'm'));
    expect((await cli.run('token', 'revoke', id)).out).toMatch(/was already revoked/);
    const audit = await withServices(({ ctx }) => ctx.db.auditEvent.findMany({ where: { action: { startsWith: 'api_token_' } }, orderBy: { id: 'asc' } }));
    expect(audit.map((a) => a.action)).toEqual(['api_token_created', 'api_token_created', 'api_token_revoked']);
  });

  it.each([
    [['token', 'create', '--name', 'x'], /missing --agency/],
    [['token', 'create', '--agency', 'BKN'], /missing --name/],
    [['token', 'create', '--agency', 'NOPE', '--name', 'x'], /NOPE tidak ditemukan/],
    [['token', 'revoke'], /give the start of the token id/],
    [['token', 'revoke', 'zz'], /awalan id token/],
    [['token', 'revoke', 'ffffffff'], /Token ffffffff tidak ditemukan/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const r = await cli.run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('refuses an ambiguous prefix and revokes nothing', async () => {
    await withServices(async ({ ctx }) => {
      const agency = await ctx.db.agency.findUniqueOrThrow({ where: { code: 'BKN' } });
      for (const uuid of ['abcd0000-0000-4000-8000-000000000001', 'abcd1111-0000-4000-8000-000000000002']) {
        await ctx.db.apiToken.create({ data: { id: uuid, agencyId: agency.id, name: uuid.slice(0, 8), tokenHash: hashToken(uuid) } });
      }
    });
    const r = await cli.run('token', 'revoke', 'abcd');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/matches 2 tokens \(abcd0000, abcd1111\)/);
    expect(await withServices(({ ctx }) => ctx.db.apiToken.count({ where: { revokedAt: { not: null } } }))).toBe(1);
  });
});
