/**
 * The WhatsApp adapter's supervisor with a fake client and a fake chat core: restarts after
 * failures and crashes (a fresh client from the factory), stops and alerts on states only a
 * person can fix, keeps messages of one chat in order, skips its own messages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startWhatsApp, type RunningWhatsApp, type WhatsAppAdapterOptions } from '../../src/adapters/whatsapp/adapter.js';
import { whatsappHealth } from '../../src/adapters/whatsapp/health.js';
import { checkHealth } from '../../src/api/health.js';
import type { Inbound } from '../../src/chat/types.js';
import { silentLogger } from '../../src/lib/logger.js';
import { WHATSAPP_ALERTS } from '../../src/services/whatsapp-alerts.js';
import { FakeWhatsApp } from '../fakes/fake-whatsapp.js';
import { eventually } from '../helpers/eventually.js';

const GROUP = '120363000000000009@g.us';

interface Setup {
  wa: RunningWhatsApp;
  clients: FakeWhatsApp[];
  alerts: string[];
  handled: Inbound[];
  states: string[];
}

let running: RunningWhatsApp | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** Start the adapter; each factory call makes a new fake, prepared by `prepare(n)` (n = 1, 2, …). */
function setup(prepare: (fake: FakeWhatsApp, n: number) => void = () => {}, over: Partial<WhatsAppAdapterOptions> = {}, handle?: (i: Inbound) => Promise<void>): Setup {
  const clients: FakeWhatsApp[] = [];
  const alerts: string[] = [];
  const handled: Inbound[] = [];
  const states: string[] = [];
  const wa = startWhatsApp({
    client: () => {
      const fake = new FakeWhatsApp();
      clients.push(fake);
      prepare(fake, clients.length);
      return fake;
    },
    core: {
      handle: async (i) => {
        await handle?.(i);
        handled.push(i);
        return {};
      },
    },
    log: silentLogger(),
    alertAdmins: async (t) => {
      alerts.push(t);
    },
    onStateChange: (h) => states.push(h.state),
    backoff: { baseMs: 5, maxMs: 40 },
    readyTimeoutMs: 2_000,
    ...over,
  });
  running = wa;
  return { wa, clients, alerts, handled, states };
}

const state = (s: Setup) => s.wa.state().state;

describe('WhatsApp supervisor', () => {
  it('reports its state to /healthz: ok while connected, failing when logged out, gone once stopped', async () => {
    const s = setup();
    await eventually(() => expect(state(s)).toBe('ready'));
    expect(s.states).toEqual(['starting', 'authenticated', 'ready']);
    expect(whatsappHealth()).toMatchObject({ name: 'whatsapp', ok: true, state: 'ready', reconnects: 0 });
    expect((await checkHealth({})).checks.whatsapp).toMatchObject({ ok: true, detail: { state: 'ready', reconnects: 0 } });
    s.clients[0]!.disconnect('LOGOUT');
    await eventually(() => expect(state(s)).toBe('logged_out'));
    expect(await checkHealth({})).toMatchObject({ status: 'fail', checks: { whatsapp: { ok: false, detail: { state: 'logged_out', reason: 'LOGOUT' } } } });
    await s.wa.stop();
    expect((await checkHealth({})).checks.whatsapp).toBeUndefined();
  });

  it('destroys a client whose start failed and retries with a fresh one', async () => {
    const s = setup((fake, n) => n <= 2 && fake.planStarts('fail'));
    await eventually(() => expect(state(s)).toBe('ready'));
    expect(s.clients).toHaveLength(3);
    expect(s.clients.slice(0, 2).map((c) => c.destroyCalls)).toEqual([1, 1]);
    expect(s.wa.state().reconnects).toBe(2);
  });

  it('restarts a start that never gets ready', async () => {
    const s = setup((fake, n) => n === 1 && fake.planStarts('hang'), { readyTimeoutMs: 50 });
    await eventually(() => expect(state(s)).toBe('ready'));
    expect(s.clients).toHaveLength(2);
    expect(s.clients[0]!.destroyCalls).toBe(1);
  });

  it('after a Chromium crash or a dropped connection makes a new client, and alerts on a long outage and the recovery', async () => {
    const s = setup((fake, n) => n >= 2 && n <= 4 && fake.planStarts('fail'), { outageAlertMs: 30, backoff: { baseMs: 20, maxMs: 40 } });
    await eventually(() => expect(state(s)).toBe('ready'));
    s.clients[0]!.disconnect('BROWSER_CLOSED');
    await eventually(() => expect(s.clients.length).toBeGreaterThanOrEqual(5));
    await eventually(() => expect(state(s)).toBe('ready'));
    expect(s.clients[0]!.destroyCalls).toBe(1);
    expect(s.alerts).toEqual([WHATSAPP_ALERTS.outage(1), WHATSAPP_ALERTS.recovered()]);
    // Events of a client that was replaced change nothing.
    s.clients[0]!.emit('disconnected', 'LOGOUT');
    expect(state(s)).toBe('ready');
  });

  it.each([
    ['LOGOUT', 'logged_out', WHATSAPP_ALERTS.loggedOut('LOGOUT')],
    ['UNPAIRED', 'logged_out', WHATSAPP_ALERTS.loggedOut('UNPAIRED')],
    ['TOS_BLOCK', 'banned', WHATSAPP_ALERTS.banned('TOS_BLOCK')],
  ])('on disconnect %s stops in state %s, alerts the admins and does not loop', async (reason, expected, alert) => {
    const s = setup();
    await eventually(() => expect(state(s)).toBe('ready'));
    s.clients[0]!.disconnect(reason);
    await eventually(() => expect(state(s)).toBe(expected));
    expect(s.alerts).toEqual([alert]);
    expect(s.clients[0]!.destroyCalls).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.clients).toHaveLength(1);
    expect(whatsappHealth()).toMatchObject({ ok: false, state: expected, detail: reason });
  });

  it('reports a missing session (QR asked for) and a refused session instead of waiting forever', async () => {
    const qr = setup((fake) => fake.planStarts('qr'));
    await eventually(() => expect(state(qr)).toBe('needs_login'));
    expect(qr.alerts).toEqual([WHATSAPP_ALERTS.needsLogin()]);
    expect(qr.clients[0]!.destroyCalls).toBe(1);
    await qr.wa.stop();
    const refused = setup((fake) => fake.planStarts('auth_failure'));
    await eventually(() => expect(state(refused)).toBe('auth_failure'));
    expect(refused.alerts).toEqual([WHATSAPP_ALERTS.authFailure()]);
  });

  it('hands messages to the core in order per chat and skips its own', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const s = setup(undefined, {}, async (i) => {
      if (i.text === 'pertama') await gate;
    });
    await eventually(() => expect(state(s)).toBe('ready'));
    const fake = s.clients[0]!;
    fake.userMessage({ chatId: GROUP, from: '6281200000002', text: 'pertama' });
    fake.userMessage({ chatId: GROUP, from: '6281200000003', text: 'kedua' });
    fake.userMessage({ chatId: '6281200000004@c.us', from: '6281200000004', text: 'pribadi' });
    await fake.sendMessage(GROUP, '/ambil 1'); // echoed back as fromMe
    await eventually(() => expect(s.handled.map((i) => i.text)).toEqual(['pribadi']));
    release();
    await eventually(() => expect(s.handled.map((i) => i.text)).toEqual(['pribadi', 'pertama', 'kedua']));
  });

  it('stops: destroys the client and reports stopped', async () => {
    const s = setup();
    await eventually(() => expect(state(s)).toBe('ready'));
    await s.wa.stop();
    expect(state(s)).toBe('stopped');
    expect(s.clients[0]!.destroyCalls).toBe(1);
    expect(s.wa.port).toBeDefined();
    await expect(s.wa.port.send({ platform: 'whatsapp', chatId: GROUP }, { text: 'x' })).rejects.toMatchObject({ kind: 'rate_limited' });
  });
});
