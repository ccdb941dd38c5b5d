/**
 * `penghubung whatsapp login|status|groups`: link the bot's number, see what the WhatsApp side
 * looks like, and find group ids for `penghubung chat bind`. Only `login` and `groups` start
 * Chromium; they need the bot stopped (one Chromium per session folder).
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config.js';
import { createWhatsAppClient, DEFAULT_CLIENT_ID } from '../../adapters/whatsapp/client.js';
import { normalizePhone } from '../../lib/phone.js';
import { optional, UsageError, type CliCommand, type CliEnv } from '../types.js';
import { runWhatsAppLogin } from './whatsapp-login.js';

const NOT_ENABLED = 'WhatsApp is not enabled: set WHATSAPP_ENABLED=true in .env (and CHROMIUM_PATH / WHATSAPP_AUTH_DIR when not the defaults)';
const INSTALL_CHROMIUM = 'install it with "sudo apt-get install -y chromium", or set CHROMIUM_PATH to the browser';

function whatsappConfig(config: Config): NonNullable<Config['whatsapp']> {
  if (!config.whatsapp) throw new UsageError(NOT_ENABLED);
  return config.whatsapp;
}

/** The LocalAuth folder of this bot's session. */
export const sessionDir = (authDir: string, clientId = DEFAULT_CLIENT_ID): string => join(authDir, `session-${clientId}`);

function chromiumOk(env: CliEnv, path: string): boolean {
  if (existsSync(path)) return true;
  env.io.err(`error: Chromium not found at ${path}: ${INSTALL_CHROMIUM}`);
  return false;
}

function seconds(values: Record<string, unknown>, name: string, def: number): number {
  const raw = optional(values as Record<string, string | boolean | undefined>, name);
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 10 || n > 3600) throw new UsageError(`--${name} must be a number of seconds between 10 and 3600 (got "${raw}")`);
  return n;
}

export const whatsappLogin: CliCommand = {
  path: ['whatsapp', 'login'],
  summary: 'Link the bot\'s WhatsApp number: scan the QR code (terminal or PNG), or enter a pairing code with --phone; the session is kept in WHATSAPP_AUTH_DIR',
  usage: 'penghubung whatsapp login [--phone <number>] [--qr-png <path>] [--timeout <seconds>]',
  options: { phone: { type: 'string' }, 'qr-png': { type: 'string' }, timeout: { type: 'string' } },
  async run(env, values) {
    const wa = whatsappConfig(env.config);
    const typed = optional(values, 'phone');
    const phone = typed === undefined ? undefined : (normalizePhone(typed) ?? undefined);
    if (typed !== undefined && !phone) throw new UsageError(`--phone must be a phone number such as 0812-3456-7890 or +6281234567890 (got "${typed}")`);
    const timeoutMs = seconds(values, 'timeout', 300) * 1000;
    if (!chromiumOk(env, wa.chromiumPath)) return 1;
    // The session folder holds the login: keep it private.
    await mkdir(wa.authDir, { recursive: true, mode: 0o700 });
    const client = await createWhatsAppClient({ authDir: wa.authDir, chromiumPath: wa.chromiumPath, pairingPhone: phone?.slice(1) });
    env.io.out(`Starting WhatsApp Web (Chromium ${wa.chromiumPath}); this takes up to a minute…`);
    return runWhatsAppLogin(client, {
      io: env.io,
      pngPath: optional(values, 'qr-png') ?? join(wa.authDir, 'login-qr.png'),
      phone,
      timeoutMs,
      settleMs: 5_000,
      sessionDir: sessionDir(wa.authDir),
    });
  },
};

export const whatsappStatus: CliCommand = {
  path: ['whatsapp', 'status'],
  summary: 'Show the WhatsApp setup: enabled, Chromium, saved session, bound groups and queued messages',
  usage: 'penghubung whatsapp status',
  options: {},
  async run(env) {
    const out = env.io.out;
    const wa = env.config.whatsapp;
    out(`WhatsApp: ${wa ? 'enabled' : 'disabled (set WHATSAPP_ENABLED=true to use it)'}`);
    if (wa) {
      out(`Chromium: ${wa.chromiumPath} ${existsSync(wa.chromiumPath) ? '(found)' : `(MISSING: ${INSTALL_CHROMIUM})`}`);
      const dir = sessionDir(wa.authDir);
      out(existsSync(dir)
        ? `Session: ${dir} (saved ${statSync(dir).mtime.toISOString().slice(0, 16).replace('T', ' ')} UTC)`
        : `Session: none in ${wa.authDir}: run "penghubung whatsapp login"`);
    }
    const ctx = await env.services();
    const chats = await ctx.db.chat.findMany({ where: { platform: 'whatsapp' }, include: { unit: true, agency: true }, orderBy: { createdAt: 'asc' } });
    out(`Groups bound: ${chats.length}${chats.length ? '' : ' (bind one with /ikat <kode-unit> in the group, or penghubung chat bind --platform whatsapp --chat <id>@g.us --unit <CODE>)'}`);
    for (const c of chats) {
      const to = c.unit ? c.unit.code : `admin (${c.agency.code})`;
      out(`  ${c.externalId}  ${to}  ${c.title ?? ''}  ${c.healthy ? 'ok' : `NOT SENDING: ${c.unhealthyReason ?? ''}`}`);
    }
    const [waiting, failed, oldest] = await Promise.all([
      ctx.db.outbox.count({ where: { platform: 'whatsapp', status: { in: ['PENDING', 'SENDING'] } } }),
      ctx.db.outbox.count({ where: { platform: 'whatsapp', status: 'FAILED' } }),
      ctx.db.outbox.findFirst({ where: { platform: 'whatsapp', status: { in: ['PENDING', 'SENDING'] } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true, lastError: true } }),
    ]);
    const age = oldest ? `, oldest waiting ${Math.max(0, Math.round((Date.now() - oldest.createdAt.getTime()) / 60_000))} min${oldest.lastError ? `: ${oldest.lastError}` : ''}` : '';
    out(`Outbox: ${waiting} waiting, ${failed} failed${age}`);
    out('The live connection state of a running bot is in its log ("whatsapp connected", "whatsapp disconnected", …) and in /healthz.');
  },
};

export const whatsappGroups: CliCommand = {
  path: ['whatsapp', 'groups'],
  summary: 'List the WhatsApp groups the bot\'s number is in, with the ids for "chat bind" (stop the bot first)',
  usage: 'penghubung whatsapp groups',
  options: {},
  async run(env) {
    const wa = whatsappConfig(env.config);
    if (!chromiumOk(env, wa.chromiumPath)) return 1;
    if (!existsSync(sessionDir(wa.authDir))) {
      env.io.err('error: no WhatsApp session yet: run "penghubung whatsapp login" first');
      return 1;
    }
    const client = await createWhatsAppClient({ authDir: wa.authDir, chromiumPath: wa.chromiumPath });
    try {
      const ready = new Promise<string | null>((resolve) => {
        client.on('ready', () => resolve(null));
        client.on('qr', () => resolve('the session is no longer valid: run "penghubung whatsapp login"'));
        client.on('auth_failure', (m) => resolve(`login refused (${m}): run "penghubung whatsapp login"`));
        setTimeout(() => resolve('WhatsApp did not get ready within 3 minutes'), 180_000).unref();
      });
      await client.initialize();
      const problem = await ready;
      if (problem) {
        env.io.err(`error: ${problem}`);
        return 1;
      }
      const groups = await client.listGroups();
      if (groups.length === 0) env.io.out('The bot\'s number is in no group yet: add it to the group from a phone first.');
      for (const g of groups.sort((a, b) => a.name.localeCompare(b.name))) env.io.out(`${g.id}  ${g.name}`);
      return 0;
    } finally {
      await client.destroy();
    }
  },
};

/** CLI commands of this feature; registered in src/cli.ts. */
export const whatsappCliCommands: CliCommand[] = [whatsappLogin, whatsappStatus, whatsappGroups];
