/**
 * Fuzzing the chat core with fast-check: 10,000 random and adversarial command strings (unicode,
 * huge, injection attempts, other bots' commands) from registered and unregistered people in group
 * and private chats. Each must be handled without a crash and without an unexpected error, every
 * command gets a clear Indonesian reply (no stack trace, no SQL), nothing about reports, history,
 * roles or chat bindings changes, and no group message or log line leaks the fixtures' personal data.
 *
 * Inputs come from fc.sample with a fixed seed (reproducible; FUZZ_SEED and FUZZ_RUNS override) and
 * run eight at a time, as a burst would: shrinking is traded for time, and a failure lists the
 * exact inputs.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import fc from 'fast-check';
import { ChatCore } from '../../src/chat/core.js';
import type { Inbound } from '../../src/chat/types.js';
import { createRegistry } from '../../src/commands/index.js';
import type { OutMessage, Target } from '../../src/lib/message.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { say, TG } from '../helpers/chat.js';
import { capturingLogger, scanner, type Leak } from './pii-scanner.js';
import { adversarialFor, commandish, fuzzInput, stateDigest } from './fuzz-inputs.js';

const onPostgres = inject('pgTemplate') !== null;
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const GENERIC_ERROR = /terjadi kesalahan di sistem/;
const LEAKY = /\n\s+at \S+ \(.+:\d+:\d+\)|node_modules|[Pp]risma|\bSELECT\b|\bINSERT INTO\b|TypeError|ReferenceError|SyntaxError|\bundefined\b|\[object Object\]|\bNaN\b/g;
/** Internals in a reply that the person did not type themselves (echoing "undefined" back is fine). */
const leaksInternals = (reply: string, input: string): boolean => [...reply.matchAll(LEAKY)].some((m) => !input.includes(m[0]));

let db: TestDb;
let w: World;
let core: ChatCore;
const logLines: string[] = [];
const direct: { target: Target; message: OutMessage }[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDb();
  w = await buildWorld(db);
  await w.newReport('3000001');
  await w.newReport('3000002');
  const setup = new ChatCore({ services: w.ctx, registry: createRegistry(), botUsername: 'penghubung_test_bot' });
  await say(setup, w, TG.admin, w.chats.admin, '/disposisi 3000001 BKN-PENGADAAN');
  await say(setup, w, TG.budi, w.chats.A, '/ambil 3000001');
  core = new ChatCore({
    services: { ...w.ctx, log: capturingLogger(logLines) },
    registry: createRegistry(),
    botUsername: 'penghubung_test_bot',
    direct: async (target, message) => void direct.push({ target, message }),
  });
}, 60_000);

afterAll(async () => {
  if (!onPostgres) return;
  await db.close();
});

/** Each lane is one person writing in turn in their private chat, unit A's chat and the admin chat. */
const LANES = [TG.stranger, TG.budi, TG.dedi, TG.admin, TG.oscar];
const BOT = 'penghubung_test_bot';

interface Answer {
  text: string;
  target: string;
}

describe.runIf(onPostgres)('fuzzing the chat core', () => {
  it(`handles ${RUNS} random and adversarial command strings safely`, async () => {
    const fixed = adversarialFor(core.registry);
    const inputs = [...fixed, ...fc.sample(fuzzInput(core.registry), { numRuns: Math.max(0, RUNS - fixed.length), seed: SEED })];
    const before = await stateDigest(db);
    const problems: string[] = [];
    const groupTexts: Answer[] = [];
    let msgId = 50_000;
    let handleMs = 0;

    // A lane's replies to one input: its DMs and private answers go to the person's id, group
    // answers quote the input's message id; only this lane writes as this person.
    const answersTo = async (who: string, messageId: string, after: bigint): Promise<{ answers: Answer[]; last: bigint }> => {
      const rows = await db.prisma.outbox.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' }, select: { id: true, target: true, payload: true } });
      const last = rows.length ? rows[rows.length - 1]!.id : after;
      const mine = rows.filter((r) => r.target === who || (r.payload as { replyToMessageId?: string }).replyToMessageId === messageId);
      const sentDirect = direct.splice(0).filter((d) => d.target.chatId === who || d.message.replyToMessageId === messageId);
      return { answers: [...mine.map((r) => ({ target: r.target, text: (r.payload as { text: string }).text })), ...sentDirect.map((d) => ({ target: d.target.chatId, text: d.message.text }))], last };
    };

    const lane = async (k: number): Promise<void> => {
      const who = LANES[k]!;
      let seen = (await db.prisma.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;
      for (let i = k; i < inputs.length; i += LANES.length) {
        const text = inputs[i]!;
        const chatId = [who.id, w.chats.A, w.chats.admin][i % 3]!;
        const messageId = String(++msgId);
        const inbound: Inbound = { platform: 'telegram', chatId, chatType: chatId.startsWith('-') ? 'group' : 'private', user: who, text, messageId };
        const t0 = performance.now();
        try {
          await core.handle(inbound);
          handleMs += performance.now() - t0;
        } catch (e) {
          problems.push(`threw on ${JSON.stringify(text.slice(0, 100))}: ${(e as Error).message}`);
          continue;
        }
        const { answers, last } = await answersTo(who.id, messageId, seen);
        seen = last > seen ? last : seen;
        const shown = JSON.stringify(text.slice(0, 100));
        if (commandish(text, BOT) && answers.length === 0) problems.push(`no reply to ${shown} from ${who.name} in ${chatId}`);
        for (const a of answers) {
          if (!a.text.trim()) problems.push(`empty reply to ${shown}`);
          else if (GENERIC_ERROR.test(a.text)) problems.push(`unexpected error for ${shown}`);
          else if (leaksInternals(a.text, text)) problems.push(`reply to ${shown} leaks internals: ${a.text.slice(0, 160)}`);
          if (a.target.startsWith('-')) groupTexts.push(a);
        }
      }
    };
    const t0 = performance.now();
    await Promise.all(LANES.map((_, k) => lane(k)));
    console.info(`fuzz: ${inputs.length} inputs in ${Math.round(performance.now() - t0)} ms (handle ${Math.round(handleMs)} ms summed over lanes)`);

    expect(problems.slice(0, 20)).toEqual([]);
    expect(logLines.filter((l) => /"level":(50|60)/.test(l)).map((l) => l.slice(0, 300))).toEqual([]);
    expect(await stateDigest(db)).toEqual(before);
    const scan = scanner({ names: ['Rina Kartika'], numbers: ['0812-3456-7890'], emails: [] }, { detect: false });
    const leaks: Leak[] = [...groupTexts.flatMap((r) => scan(`group ${r.target}`, r.text)), ...logLines.flatMap((l) => scan('log', l))];
    expect(leaks.slice(0, 10)).toEqual([]);
  }, 900_000);
});
