/** REST API tokens: create (shown once), list, revoke. */
import { revokeApiToken, createApiToken, listApiTokens } from '../../api/tokens.js';
import { systemActor } from '../../services/context.js';
import { findAgency } from '../../services/directory/agency-and-units.js';
import { optional, required, UsageError, type CliCommand } from '../types.js';

const cli = systemActor('cli', 'CLI');
const when = (d: Date | null): string => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : '-');

export const tokenCreate: CliCommand = {
  path: ['token', 'create'],
  summary: 'Create a REST API token for an agency (printed once; only its hash is stored)',
  usage: 'penghubung token create --agency <CODE> --name <name>',
  options: { agency: { type: 'string' }, name: { type: 'string' } },
  async run(env, values) {
    const agencyCode = required(values, 'agency');
    const name = required(values, 'name');
    const ctx = await env.services();
    const agency = await findAgency(ctx, agencyCode);
    const { token, row } = await createApiToken(ctx, cli, { agencyId: agency.id, name });
    env.io.out(`token ${row.id.slice(0, 8)} "${row.name}" created for ${agency.code}:`);
    env.io.out(token);
    env.io.out('Store it now: it is not shown again (only its SHA-256 is kept). Use it as "Authorization: Bearer <token>".');
  },
};

export const tokenList: CliCommand = {
  path: ['token', 'list'],
  summary: 'List REST API tokens (never the tokens themselves)',
  usage: 'penghubung token list [--agency <CODE>]',
  options: { agency: { type: 'string' } },
  async run(env, values) {
    const ctx = await env.services();
    const code = optional(values, 'agency');
    const agencyId = code ? (await findAgency(ctx, code)).id : undefined;
    const tokens = await listApiTokens(ctx, agencyId);
    if (tokens.length === 0) {
      env.io.out('no tokens');
      return;
    }
    env.io.out(['ID', 'AGENCY', 'NAME', 'CREATED', 'LAST USED', 'STATE'].join('\t'));
    for (const t of tokens) {
      env.io.out([t.id.slice(0, 8), t.agencyCode, t.name, when(t.createdAt), when(t.lastUsedAt), t.revokedAt ? `revoked ${when(t.revokedAt)}` : 'active'].join('\t'));
    }
  },
};

export const tokenRevoke: CliCommand = {
  path: ['token', 'revoke'],
  summary: 'Revoke a REST API token by the start of its id (see token list)',
  usage: 'penghubung token revoke <id-prefix>',
  options: {},
  positionals: 1,
  async run(env, _values, positionals) {
    const prefix = positionals[0];
    if (!prefix) throw new UsageError('give the start of the token id (see penghubung token list)');
    if (positionals.length > 1) throw new UsageError('give one token id');
    const out = await revokeApiToken(await env.services(), cli, prefix);
    if ('ambiguous' in out) {
      throw new UsageError(`"${prefix}" matches ${out.ambiguous.length} tokens (${out.ambiguous.map((t) => t.id.slice(0, 8)).join(', ')}); give more of the id`);
    }
    const t = out.revoked;
    env.io.out(out.already ? `token ${t.id.slice(0, 8)} "${t.name}" was already revoked (${when(t.revokedAt)})` : `token ${t.id.slice(0, 8)} "${t.name}" revoked`);
  },
};

/** CLI commands of this feature; registered in src/cli.ts. */
export const apiCliCommands: CliCommand[] = [tokenCreate, tokenList, tokenRevoke];
