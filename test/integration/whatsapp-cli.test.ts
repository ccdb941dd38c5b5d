/**
 * `penghubung whatsapp …`: the login flow against the fake client (QR in the terminal and as a
 * PNG that is removed afterwards, pairing code, failures), and the commands through the real CLI
 * (no Chromium is ever started here).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWhatsAppLogin, type LoginOptions } from '../../src/cli/commands/whatsapp-login.js';
import { cliHarness, type CliHarness } from '../helpers/cli-env.js';
import { eventually } from '../helpers/eventually.js';
import { FakeWhatsApp } from '../fakes/fake-whatsapp.js';

const dir = mkdtempSync(join(tmpdir(), 'penghubung-wa-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function login(fake: FakeWhatsApp, over: Partial<LoginOptions> = {}): { done: Promise<number>; out: string[]; err: string[]; png: string } {
  const out: string[] = [];
  const err: string[] = [];
  const png = join(dir, `qr-${Math.random().toString(36).slice(2)}.png`);
  const done = runWhatsAppLogin(fake, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    pngPath: png,
    timeoutMs: 10_000,
    settleMs: 0,
    sessionDir: '/srv/penghubung/.wwebjs_auth/session-penghubung',
    renderQr: async (qr) => `[QR ${qr}]`,
    ...over,
  });
  return { done, out, err, png };
}

describe('whatsapp login flow', () => {
  it('shows the QR in the terminal and as a PNG, then removes the PNG once linked', async () => {
    const fake = new FakeWhatsApp();
    fake.planStarts('qr');
    const run = login(fake);
    await eventually(() => expect(existsSync(run.png)).toBe(true));
    expect(readFileSync(run.png).subarray(1, 4).toString()).toBe('PNG');
    expect(run.out.join('\n')).toMatch(/"Perangkat tertaut".*\n\[QR 2@fake-qr-1\]/);
    expect(run.out.join('\n')).toContain(run.png);
    fake.connected = true;
    fake.emit('ready');
    expect(await run.done).toBe(0);
    expect(run.out.at(-1)).toBe('WhatsApp is linked as +6281100000000. The session is kept in /srv/penghubung/.wwebjs_auth/session-penghubung; start (or restart) the bot: penghubung start');
    expect(existsSync(run.png)).toBe(false);
    expect(fake.destroyCalls).toBe(1);
  });

  it('prints a pairing code for a phone number', async () => {
    const fake = new FakeWhatsApp();
    fake.planStarts('hang');
    const run = login(fake, { phone: '+6281100000000' });
    await eventually(() => expect(fake.initializeCalls).toBe(1));
    fake.emit('code', 'K7PQ2XWZ');
    fake.emit('ready');
    expect(await run.done).toBe(0);
    expect(run.out).toContain('Pairing code for +6281100000000: K7PQ-2XWZ');
    expect(run.out.join('\n')).toMatch(/Tautkan dengan nomor telepon saja/);
  });

  it.each([
    ['a refused login', (f: FakeWhatsApp) => f.planStarts('auth_failure'), /WhatsApp refused the login/],
    ['a browser that does not start', (f: FakeWhatsApp) => f.planStarts('fail'), /could not start WhatsApp Web: Failed to launch the browser process/],
    ['nobody scanning in time', (f: FakeWhatsApp) => f.planStarts('hang'), /no login within 0 s/],
  ])('fails with exit code 1 on %s', async (_what, plan, message) => {
    const fake = new FakeWhatsApp();
    plan(fake);
    const run = login(fake, { timeoutMs: 100 });
    expect(await run.done).toBe(1);
    expect(run.err.join('\n')).toMatch(message);
    expect(fake.destroyCalls).toBe(1);
  });
});

describe('whatsapp CLI commands', () => {
  let cli: CliHarness;
  beforeAll(async () => {
    cli = await cliHarness();
  });
  afterAll(() => cli.close());

  it('refuses to log in while WhatsApp is disabled, without Chromium, or with a bad number', async () => {
    const off = await cli.run('whatsapp', 'login');
    expect(off.code).toBe(2);
    expect(off.err).toMatch(/WHATSAPP_ENABLED=true/);
    cli.env.WHATSAPP_ENABLED = 'true';
    cli.env.CHROMIUM_PATH = join(dir, 'no-chromium');
    cli.env.WHATSAPP_AUTH_DIR = join(dir, 'auth');
    const noBrowser = await cli.run('whatsapp', 'login');
    expect(noBrowser.code).toBe(1);
    expect(noBrowser.err).toMatch(/Chromium not found at .*no-chromium: install it with "sudo apt-get install -y chromium"/);
    const badPhone = await cli.run('whatsapp', 'login', '--phone', 'abc');
    expect(badPhone.code).toBe(2);
    expect(badPhone.err).toMatch(/--phone must be a phone number/);
  });

  it('shows the setup, the bound groups and the queue', async () => {
    cli.env.WHATSAPP_ENABLED = 'true';
    cli.env.CHROMIUM_PATH = join(dir, 'no-chromium');
    cli.env.WHATSAPP_AUTH_DIR = join(dir, 'auth');
    expect((await cli.run('agency', 'add', '--code', 'BKN', '--name', 'Badan Kepegawaian Negara')).code).toBe(0);
    expect((await cli.run('unit', 'add', '--code', 'BKN-PENGADAAN', '--name', 'Direktorat Pengadaan', '--agency', 'BKN')).code).toBe(0);
    expect((await cli.run('chat', 'bind', '--platform', 'whatsapp', '--chat', '120363000000000002@g.us', '--unit', 'BKN-PENGADAAN')).code).toBe(0);
    const s = await cli.run('whatsapp', 'status');
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/^WhatsApp: enabled$/m);
    expect(s.out).toMatch(/^Chromium: .*no-chromium \(MISSING: install it/m);
    expect(s.out).toMatch(/^Session: none in .*auth: run "penghubung whatsapp login"$/m);
    expect(s.out).toMatch(/^Groups bound: 1$/m);
    expect(s.out).toMatch(/^ {2}120363000000000002@g\.us {2}BKN-PENGADAAN {2}.* ok$/m);
    expect(s.out).toMatch(/^Outbox: 0 waiting, 0 failed$/m);
  }, 120_000);
});
