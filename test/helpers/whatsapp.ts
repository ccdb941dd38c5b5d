/**
 * The WhatsApp side wired in-process as main.ts wires it: ChatCore + OutboxDispatcher + the
 * WhatsApp adapter over a FakeWhatsApp, against the test database. (The real process cannot be
 * handed a fake client, so WhatsApp end-to-end tests run here.)
 */
import type { ChatPort } from '../../src/adapters/port.js';
import { startWhatsApp, type RunningWhatsApp, type WhatsAppAdapterOptions } from '../../src/adapters/whatsapp/adapter.js';
import { ChatCore } from '../../src/chat/core.js';
import { createRegistry } from '../../src/commands/index.js';
import type { Platform } from '../../src/domain/types.js';
import { silentLogger } from '../../src/lib/logger.js';
import { OutboxDispatcher, type PlatformLimit } from '../../src/scheduler/outbox-dispatcher.js';
import { systemActor } from '../../src/services/context.js';
import { bindChat } from '../../src/services/directory/chats.js';
import { FakeWhatsApp } from '../fakes/fake-whatsapp.js';
import type { World } from './world.js';

/** WhatsApp numbers (digits) of the world's people, and the groups bound in `bindWhatsApp`. */
export const WA = {
  admin: '6281200000001',
  budi: '6281200000002',
  citra: '6281200000003',
  dedi: '6281200000004',
  adminGroup: '120363000000000001@g.us',
  unitGroup: '120363000000000002@g.us',
} as const;

/** Tests do not wait for WhatsApp's conservative pacing (its defaults are unit-tested elsewhere). */
const FAST: PlatformLimit = { perChatPerMinute: Infinity, perSecond: Infinity };

/** Give the people WhatsApp numbers and bind an admin group and a group of unit A. */
export async function bindWhatsApp(w: World): Promise<void> {
  for (const who of ['admin', 'budi', 'citra', 'dedi'] as const) {
    await w.ctx.db.person.update({ where: { id: w.people[who].personId! }, data: { whatsapp: `+${WA[who]}` } });
  }
  const sys = systemActor('system');
  await bindChat(w.ctx, sys, { platform: 'whatsapp', externalId: WA.adminGroup, agencyId: w.agencyId, unitId: null, title: 'Admin Instansi (WA)' });
  await bindChat(w.ctx, sys, { platform: 'whatsapp', externalId: WA.unitGroup, agencyId: w.agencyId, unitId: w.units.A.id, title: 'Penghubung Pengadaan (WA)' });
}

export interface WaHarness {
  fake: FakeWhatsApp;
  core: ChatCore;
  wa: RunningWhatsApp;
  dispatcher: OutboxDispatcher;
  alerts: string[];
  /** How many clients the adapter asked its factory for. */
  factoryCalls(): number;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeWhatsApp;
  /** Other platforms' ports (e.g. a FakePort for Telegram). */
  ports?: Partial<Record<Platform, ChatPort>>;
  adapter?: Partial<Omit<WhatsAppAdapterOptions, 'client' | 'core' | 'log'>>;
  /** Resolve before WhatsApp is ready (tests of a failing start). */
  noWait?: boolean;
}

export async function startWhatsAppHarness(w: World, opts: HarnessOptions = {}): Promise<WaHarness> {
  const fake = opts.fake ?? new FakeWhatsApp();
  const log = silentLogger();
  const alerts: string[] = [];
  let made = 0;
  let dispatcher: OutboxDispatcher | undefined;
  const core = new ChatCore({ services: w.ctx, registry: createRegistry(), kick: () => dispatcher?.kick() });
  const wa = startWhatsApp({
    client: () => {
      made++;
      return fake;
    },
    core,
    log,
    alertAdmins: async (text) => {
      alerts.push(text);
    },
    backoff: { baseMs: 20, maxMs: 200 },
    port: { notReadyRetryMs: 100, loggedOutRetryMs: 200 },
    ...opts.adapter,
  });
  dispatcher = new OutboxDispatcher({
    db: w.ctx.db,
    ports: { whatsapp: wa.port, ...opts.ports },
    log,
    instanceId: `wa-test-${process.pid}`,
    idleMs: 50,
    limits: { whatsapp: FAST, telegram: FAST },
    backoff: { baseMs: 100, maxMs: 500 },
  });
  dispatcher.start();
  if (!opts.noWait) await fake.waitFor(() => wa.state().state === 'ready');
  return {
    fake,
    core,
    wa,
    dispatcher,
    alerts,
    factoryCalls: () => made,
    async stop() {
      await dispatcher.stop();
      await wa.stop();
    },
  };
}
