import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError, type DomainErrorCode } from '../../src/domain/errors.js';
import type { ReportStatus } from '../../src/domain/types.js';
import {
  OPEN_STATUSES,
  allowedActions,
  isOpenAtUnit,
  newReportState,
  transition,
  type ReportAction,
  type ReportState,
  type Transition,
} from '../../src/domain/report-state.js';

// Spelled out here rather than imported, so the tests do not trust the implementation's tables.
const STATUSES: ReportStatus[] = ['BELUM_TERVERIFIKASI', 'BELUM_DITINDAKLANJUTI', 'PROSES', 'SELESAI', 'TUNDA', 'ARSIP'];
type ActionType = ReportAction['type'];
const ACTIONS: ActionType[] = [
  'verify', 'dispose', 'claim', 'unclaim', 'respond', 'follow_up',
  'close', 'bounce', 'hold', 'resume', 'archive', 'reopen',
];

const T0 = new Date('2026-01-05T02:00:00Z'); // received / verified
const T1 = new Date('2026-01-06T02:00:00Z'); // disposed
const T2 = new Date('2026-01-07T02:00:00Z'); // claimed, first response
const T3 = new Date('2026-01-08T02:00:00Z'); // tindak lanjut
const T4 = new Date('2026-01-09T02:00:00Z'); // closed / held / archived
const AT = new Date('2026-01-12T02:00:00Z'); // the action under test
const BY = 'actor';

const fresh: ReportState = {
  status: 'BELUM_TERVERIFIKASI', unitId: null, claimedById: null, claimedAt: null, verifiedAt: null,
  disposedAt: null, firstResponseAt: null, followUpAt: null, closedAt: null, bounceCount: 0, statusBeforeHold: null,
};
const atUnit: ReportState = { ...fresh, status: 'BELUM_DITINDAKLANJUTI', unitId: 'u1', verifiedAt: T0, disposedAt: T1 };
const inProcess: ReportState = {
  ...atUnit, status: 'PROSES', claimedById: 'p1', claimedAt: T2, firstResponseAt: T2, followUpAt: T3,
};
const done: ReportState = { ...inProcess, status: 'SELESAI', closedAt: T4 };
const held: ReportState = { ...inProcess, status: 'TUNDA', statusBeforeHold: 'PROSES' };
const archived: ReportState = { ...atUnit, status: 'ARSIP' };

/** One canonical, consistent state per status. */
const BASE: Record<ReportStatus, ReportState> = {
  BELUM_TERVERIFIKASI: fresh,
  BELUM_DITINDAKLANJUTI: atUnit,
  PROSES: inProcess,
  SELESAI: done,
  TUNDA: held,
  ARSIP: archived,
};

/** A valid payload for each action; `dispose` goes to a unit the report is not at. */
function act(type: ActionType, overrides: Partial<Record<string, unknown>> = {}): ReportAction {
  const common = { by: BY, at: AT };
  const payload: Record<ActionType, ReportAction> = {
    verify: { type: 'verify', ...common },
    dispose: { type: 'dispose', ...common, unitId: 'u2' },
    claim: { type: 'claim', ...common },
    unclaim: { type: 'unclaim', ...common },
    respond: { type: 'respond', ...common, text: 'Laporan diterima, sedang kami pelajari.' },
    follow_up: { type: 'follow_up', ...common, text: 'Berkas sudah diproses.', close: false },
    close: { type: 'close', ...common },
    bounce: { type: 'bounce', ...common, reason: 'Kewenangan pemerintah daerah' },
    hold: { type: 'hold', ...common, reason: 'Menunggu dokumen pelapor' },
    resume: { type: 'resume', ...common },
    archive: { type: 'archive', ...common, reason: 'Laporan berulang' },
    reopen: { type: 'reopen', ...common, reason: 'Pelapor belum puas' },
  };
  return { ...payload[type], ...overrides } as ReportAction;
}

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError, got success');
}

type Ok = { status: ReportStatus; event: Transition['event']; fields?: Partial<ReportState> };
type Err = { error: DomainErrorCode };
const ILLEGAL: Err = { error: 'ILLEGAL_TRANSITION' };

const TABLE: Record<ReportStatus, Record<ActionType, Ok | Err>> = {
  BELUM_TERVERIFIKASI: {
    verify: { status: 'BELUM_TERVERIFIKASI', event: 'verified', fields: { verifiedAt: AT, unitId: null } },
    dispose: {
      status: 'BELUM_DITINDAKLANJUTI', event: 'disposed',
      fields: { unitId: 'u2', disposedAt: AT, verifiedAt: AT, claimedById: null },
    },
    claim: ILLEGAL,
    unclaim: ILLEGAL,
    respond: ILLEGAL,
    follow_up: ILLEGAL,
    close: ILLEGAL,
    bounce: ILLEGAL,
    hold: { status: 'TUNDA', event: 'held', fields: { statusBeforeHold: 'BELUM_TERVERIFIKASI' } },
    resume: ILLEGAL,
    archive: { status: 'ARSIP', event: 'archived', fields: { unitId: null } },
    reopen: ILLEGAL,
  },
  BELUM_DITINDAKLANJUTI: {
    verify: ILLEGAL,
    dispose: {
      status: 'BELUM_DITINDAKLANJUTI', event: 'rerouted',
      fields: { unitId: 'u2', disposedAt: AT, verifiedAt: T0, claimedById: null },
    },
    claim: { status: 'BELUM_DITINDAKLANJUTI', event: 'claimed', fields: { claimedById: BY, claimedAt: AT } },
    unclaim: { error: 'NOT_CLAIMED' },
    respond: {
      status: 'PROSES', event: 'responded',
      fields: { firstResponseAt: AT, followUpAt: null, claimedById: BY, claimedAt: AT, closedAt: null },
    },
    follow_up: {
      status: 'PROSES', event: 'followed_up',
      fields: { firstResponseAt: AT, followUpAt: AT, claimedById: BY, closedAt: null },
    },
    close: { error: 'FOLLOW_UP_REQUIRED' },
    bounce: {
      status: 'BELUM_TERVERIFIKASI', event: 'bounced',
      fields: { unitId: null, disposedAt: null, claimedById: null, bounceCount: 1, verifiedAt: T0 },
    },
    hold: { status: 'TUNDA', event: 'held', fields: { statusBeforeHold: 'BELUM_DITINDAKLANJUTI', unitId: 'u1' } },
    resume: ILLEGAL,
    archive: { status: 'ARSIP', event: 'archived', fields: { unitId: 'u1' } },
    reopen: ILLEGAL,
  },
  PROSES: {
    verify: ILLEGAL,
    dispose: {
      status: 'BELUM_DITINDAKLANJUTI', event: 'rerouted',
      fields: {
        unitId: 'u2', disposedAt: AT, verifiedAt: T0, claimedById: null, claimedAt: null,
        firstResponseAt: null, followUpAt: null,
      },
    },
    claim: { error: 'ALREADY_CLAIMED' },
    unclaim: { status: 'PROSES', event: 'unclaimed', fields: { claimedById: null, claimedAt: null } },
    respond: { status: 'PROSES', event: 'responded', fields: { firstResponseAt: T2, claimedById: 'p1', claimedAt: T2 } },
    follow_up: { status: 'PROSES', event: 'followed_up', fields: { firstResponseAt: T2, followUpAt: AT, closedAt: null } },
    close: { status: 'SELESAI', event: 'closed', fields: { closedAt: AT, followUpAt: T3 } },
    bounce: {
      status: 'BELUM_TERVERIFIKASI', event: 'bounced',
      fields: {
        unitId: null, disposedAt: null, claimedById: null, claimedAt: null, firstResponseAt: null,
        followUpAt: null, bounceCount: 1, verifiedAt: T0,
      },
    },
    hold: { status: 'TUNDA', event: 'held', fields: { statusBeforeHold: 'PROSES', claimedById: 'p1' } },
    resume: ILLEGAL,
    archive: { status: 'ARSIP', event: 'archived', fields: { unitId: 'u1' } },
    reopen: ILLEGAL,
  },
  SELESAI: {
    verify: ILLEGAL,
    dispose: ILLEGAL,
    claim: ILLEGAL,
    unclaim: ILLEGAL,
    respond: ILLEGAL,
    follow_up: ILLEGAL,
    close: ILLEGAL,
    bounce: ILLEGAL,
    hold: ILLEGAL,
    resume: ILLEGAL,
    archive: ILLEGAL,
    reopen: {
      status: 'PROSES', event: 'reopened',
      fields: { closedAt: null, followUpAt: null, firstResponseAt: T2, unitId: 'u1', claimedById: 'p1' },
    },
  },
  TUNDA: {
    verify: ILLEGAL,
    dispose: ILLEGAL,
    claim: ILLEGAL,
    unclaim: ILLEGAL,
    respond: ILLEGAL,
    follow_up: ILLEGAL,
    close: ILLEGAL,
    bounce: ILLEGAL,
    hold: ILLEGAL,
    resume: { status: 'PROSES', event: 'resumed', fields: { statusBeforeHold: null, claimedById: 'p1' } },
    archive: { status: 'ARSIP', event: 'archived', fields: { statusBeforeHold: null } },
    reopen: ILLEGAL,
  },
  ARSIP: {
    verify: ILLEGAL,
    dispose: ILLEGAL,
    claim: ILLEGAL,
    unclaim: ILLEGAL,
    respond: ILLEGAL,
    follow_up: ILLEGAL,
    close: ILLEGAL,
    bounce: ILLEGAL,
    hold: ILLEGAL,
    resume: ILLEGAL,
    archive: ILLEGAL,
    reopen: { status: 'BELUM_DITINDAKLANJUTI', event: 'reopened', fields: { unitId: 'u1', closedAt: null } },
  },
};

const PAIRS = STATUSES.flatMap((status) => ACTIONS.map((type) => ({ status, type, expected: TABLE[status][type] })));

describe('transition table: every status × action', () => {
  it('covers all 72 pairs', () => {
    expect(PAIRS).toHaveLength(72);
  });

  it.each(PAIRS)('$status --$type-->', ({ status, type, expected }) => {
    const state = BASE[status];
    const action = act(type);
    if ('error' in expected) {
      const err = errorOf(() => transition(state, action));
      expect(err.code).toBe(expected.error);
      if (expected.error === 'ILLEGAL_TRANSITION') expect(err.data).toEqual({ from: status, action: type });
      expect(allowedActions(state)).not.toContain(type);
    } else {
      const t = transition(state, action);
      expect(t.after.status).toBe(expected.status);
      expect(t.event).toBe(expected.event);
      expect(t.after).toMatchObject(expected.fields ?? {});
      expect(t.before).toEqual(state);
      expect(t.action).toBe(action);
      expect(allowedActions(state)).toContain(type);
    }
  });
});

describe('allowedActions on the canonical states', () => {
  it.each([
    ['BELUM_TERVERIFIKASI', ['verify', 'dispose', 'hold', 'archive']],
    ['BELUM_DITINDAKLANJUTI', ['dispose', 'claim', 'respond', 'follow_up', 'bounce', 'hold', 'archive']],
    ['PROSES', ['dispose', 'unclaim', 'respond', 'follow_up', 'close', 'bounce', 'hold', 'archive']],
    ['SELESAI', ['reopen']],
    ['TUNDA', ['resume', 'archive']],
    ['ARSIP', ['reopen']],
  ] as const)('%s', (status, expected) => {
    expect(allowedActions(BASE[status])).toEqual(expected);
  });
});

describe('respon awal never closes', () => {
  it('a chain of respon awal keeps the report in PROSES and close stays refused', () => {
    let s = atUnit;
    for (let i = 0; i < 5; i++) {
      s = transition(s, act('respond')).after;
      expect(s.status).toBe('PROSES');
      expect(s.closedAt).toBeNull();
      expect(s.followUpAt).toBeNull();
    }
    expect(errorOf(() => transition(s, act('close'))).code).toBe('FOLLOW_UP_REQUIRED');
    expect(allowedActions(s)).not.toContain('close');
  });

  it('respond has no way to close, whatever extra fields are passed', () => {
    const t = transition(atUnit, act('respond', { close: true }));
    expect(t.after.status).toBe('PROSES');
  });

  it('a tindak lanjut then makes close possible', () => {
    const responded = transition(atUnit, act('respond')).after;
    const followed = transition(responded, act('follow_up')).after;
    const closed = transition(followed, act('close'));
    expect(closed.after).toMatchObject({ status: 'SELESAI', closedAt: AT });
    expect(closed.event).toBe('closed');
  });

  it('follow_up with close=true closes in one step, keeping the first response', () => {
    const responded = transition(atUnit, act('respond', { at: T2 })).after;
    const t = transition(responded, act('follow_up', { close: true }));
    expect(t.after).toMatchObject({ status: 'SELESAI', closedAt: AT, followUpAt: AT, firstResponseAt: T2 });
    expect(t.event).toBe('closed');
  });

  it('follow_up straight from BELUM_DITINDAKLANJUTI with close=true counts as the first response', () => {
    const t = transition(atUnit, act('follow_up', { close: true }));
    expect(t.after).toMatchObject({ status: 'SELESAI', firstResponseAt: AT, followUpAt: AT, closedAt: AT });
  });
});

describe('claims', () => {
  it('claiming a report claimed by someone else says who and when', () => {
    const err = errorOf(() => transition(inProcess, act('claim', { by: 'other' })));
    expect(err.code).toBe('ALREADY_CLAIMED');
    expect(err.data).toEqual({ claimedById: 'p1', claimedAt: T2, self: false });
  });

  it('claiming again by the same person is flagged as self', () => {
    const err = errorOf(() => transition(inProcess, act('claim', { by: 'p1' })));
    expect(err.data).toMatchObject({ claimedById: 'p1', self: true });
  });

  it('a responder without a claim in place takes it; an existing claim is kept', () => {
    expect(transition(atUnit, act('respond', { by: 'p9' })).after).toMatchObject({ claimedById: 'p9', claimedAt: AT });
    const claimed = transition(atUnit, act('claim', { by: 'p1', at: T2 })).after;
    expect(transition(claimed, act('respond', { by: 'p9' })).after).toMatchObject({ claimedById: 'p1', claimedAt: T2 });
    expect(transition(claimed, act('follow_up', { by: 'p9' })).after.claimedById).toBe('p1');
  });

  it('claim does not change the status; unclaim needs a claim', () => {
    expect(transition(atUnit, act('claim')).after.status).toBe('BELUM_DITINDAKLANJUTI');
    expect(errorOf(() => transition(atUnit, act('unclaim'))).code).toBe('NOT_CLAIMED');
  });
});

describe('verification and routing', () => {
  it('verify sets verifiedAt only once', () => {
    const verified = transition(fresh, act('verify', { at: T0 })).after;
    expect(verified).toMatchObject({ status: 'BELUM_TERVERIFIKASI', verifiedAt: T0 });
    expect(errorOf(() => transition(verified, act('verify'))).code).toBe('ALREADY_VERIFIED');
    expect(allowedActions(verified)).not.toContain('verify');
    expect(transition(verified, act('dispose')).after.verifiedAt).toBe(T0);
  });

  it('dispose to the unit it is already at is refused', () => {
    const err = errorOf(() => transition(inProcess, act('dispose', { unitId: 'u1' })));
    expect(err.code).toBe('SAME_UNIT');
    expect(err.data).toEqual({ unitId: 'u1' });
  });

  it.each(['', '   '])('dispose needs a unit (%j)', (unitId) => {
    expect(errorOf(() => transition(fresh, act('dispose', { unitId }))).code).toBe('UNIT_REQUIRED');
  });

  it('a re-routed report can only close after the new unit sends its own tindak lanjut', () => {
    const moved = transition(inProcess, act('dispose')).after;
    const responded = transition(moved, act('respond')).after;
    expect(errorOf(() => transition(responded, act('close'))).code).toBe('FOLLOW_UP_REQUIRED');
  });

  it('an invalid date is refused', () => {
    expect(errorOf(() => transition(fresh, act('verify', { at: new Date('nope') }))).code).toBe('INVALID_DATE');
  });
});

describe('bukan wewenang (bounce)', () => {
  it('counts, clears the unit and returns to the admin queue, keeping the verification', () => {
    let s = transition(newReportState(), act('verify', { at: T0 })).after;
    s = transition(s, act('dispose', { unitId: 'u1', at: T1 })).after;
    s = transition(s, act('claim', { by: 'p1' })).after;
    const first = transition(s, act('bounce'));
    expect(first.event).toBe('bounced');
    expect(first.after).toEqual({ ...fresh, verifiedAt: T0, bounceCount: 1 });
    s = transition(first.after, act('dispose', { unitId: 'u2' })).after;
    expect(s).toMatchObject({ status: 'BELUM_DITINDAKLANJUTI', unitId: 'u2', bounceCount: 1 });
    s = transition(transition(s, act('respond')).after, act('bounce')).after;
    expect(s).toMatchObject({ status: 'BELUM_TERVERIFIKASI', unitId: null, bounceCount: 2, verifiedAt: T0 });
    expect(allowedActions(s)).toEqual(['dispose', 'hold', 'archive']);
  });
});

describe('tunda (hold / resume)', () => {
  it.each([fresh, atUnit, inProcess])('round-trips from $status', (state) => {
    const heldState = transition(state, act('hold')).after;
    expect(heldState).toMatchObject({ status: 'TUNDA', statusBeforeHold: state.status });
    const resumed = transition(heldState, act('resume'));
    expect(resumed.event).toBe('resumed');
    expect(resumed.after).toEqual(state);
  });

  it('resume without a remembered status falls back to what the assignment says', () => {
    expect(transition({ ...held, statusBeforeHold: null }, act('resume')).after.status).toBe('PROSES');
    expect(transition({ ...atUnit, status: 'TUNDA' }, act('resume')).after.status).toBe('BELUM_DITINDAKLANJUTI');
    expect(transition({ ...fresh, status: 'TUNDA' }, act('resume')).after.status).toBe('BELUM_TERVERIFIKASI');
  });
});

describe('reopen targets', () => {
  const archiveFrom = (s: ReportState): ReportState => transition(s, act('archive')).after;
  it.each([
    ['SELESAI', done, 'PROSES'],
    ['ARSIP from BELUM_TERVERIFIKASI', archiveFrom(fresh), 'BELUM_TERVERIFIKASI'],
    ['ARSIP from BELUM_DITINDAKLANJUTI', archiveFrom(atUnit), 'BELUM_DITINDAKLANJUTI'],
    ['ARSIP from PROSES', archiveFrom(inProcess), 'PROSES'],
    ['ARSIP from TUNDA (held while unverified)', archiveFrom(transition(fresh, act('hold')).after), 'BELUM_TERVERIFIKASI'],
    ['ARSIP from TUNDA (held in PROSES)', archiveFrom(held), 'PROSES'],
  ] as const)('%s → %s', (_label, state, target) => {
    const t = transition(state, act('reopen'));
    expect(t.event).toBe('reopened');
    expect(t.after).toMatchObject({ status: target, closedAt: null, statusBeforeHold: null, followUpAt: null });
  });

  it('a reopened report needs a fresh tindak lanjut before closing again', () => {
    const reopened = transition(done, act('reopen')).after;
    expect(errorOf(() => transition(reopened, act('close'))).code).toBe('FOLLOW_UP_REQUIRED');
    const followed = transition(reopened, act('follow_up')).after;
    expect(transition(followed, act('close')).after.status).toBe('SELESAI');
  });
});

describe('payload validation', () => {
  const blanks = ['', ' ', '\t\n  '];
  it.each(
    (['bounce', 'hold', 'archive'] as const).flatMap((type) => blanks.map((reason) => ({ type, reason }))),
  )('$type rejects reason $reason', ({ type, reason }) => {
    expect(errorOf(() => transition(atUnit, act(type, { reason }))).code).toBe('REASON_REQUIRED');
  });

  it.each(blanks)('reopen rejects reason %j', (reason) => {
    expect(errorOf(() => transition(done, act('reopen', { reason }))).code).toBe('REASON_REQUIRED');
  });

  it.each((['respond', 'follow_up'] as const).flatMap((type) => blanks.map((text) => ({ type, text }))))(
    '$type rejects text $text',
    ({ type, text }) => {
      expect(errorOf(() => transition(atUnit, act(type, { text }))).code).toBe('TEXT_REQUIRED');
    },
  );

  it('an impossible action is reported as such before its payload is judged', () => {
    expect(errorOf(() => transition(done, act('bounce', { reason: ' ' }))).code).toBe('ILLEGAL_TRANSITION');
  });
});

describe('immutability', () => {
  function deepFreeze<T>(o: T): T {
    for (const v of Object.values(o as object)) if (v && typeof v === 'object') deepFreeze(v);
    return Object.freeze(o);
  }
  it.each(PAIRS)('$status --$type--> leaves its input untouched', ({ status, type }) => {
    const state = deepFreeze(structuredClone(BASE[status]));
    const snapshot = structuredClone(state);
    try {
      const t = transition(state, act(type));
      expect(t.after).not.toBe(state);
      expect(t.before).not.toBe(state);
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
    }
    expect(state).toEqual(snapshot);
  });
});

describe('open statuses', () => {
  it('only BELUM_DITINDAKLANJUTI and PROSES are open at a unit', () => {
    expect([...OPEN_STATUSES].sort()).toEqual(['BELUM_DITINDAKLANJUTI', 'PROSES']);
    expect(STATUSES.filter(isOpenAtUnit)).toEqual(['BELUM_DITINDAKLANJUTI', 'PROSES']);
  });

  it('a new report waits for verification', () => {
    expect(newReportState()).toEqual(fresh);
  });
});

describe('properties', () => {
  const date = fc.date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true });
  const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });
  const anyState: fc.Arbitrary<ReportState> = fc.record({
    status: fc.constantFrom(...STATUSES),
    unitId: maybe(fc.constantFrom('u1', 'u2')),
    claimedById: maybe(fc.constantFrom('p1', BY)),
    claimedAt: maybe(date),
    verifiedAt: maybe(date),
    disposedAt: maybe(date),
    firstResponseAt: maybe(date),
    followUpAt: maybe(date),
    closedAt: maybe(date),
    bounceCount: fc.nat(5),
    statusBeforeHold: maybe(fc.constantFrom(...STATUSES)),
  });

  /** A valid payload for `type` from `state`: in particular, a unit it is not at. */
  const validFor = (state: ReportState, type: ActionType, close: boolean): ReportAction =>
    act(type, type === 'dispose' ? { unitId: state.unitId === 'u2' ? 'u3' : 'u2' } : type === 'follow_up' ? { close } : {});

  it('allowedActions lists exactly the actions transition accepts with a valid payload', () => {
    fc.assert(
      fc.property(anyState, fc.boolean(), (state, close) => {
        const allowed = allowedActions(state);
        for (const type of ACTIONS) {
          const run = (): Transition => transition(state, validFor(state, type, close));
          if (allowed.includes(type)) expect(run).not.toThrow();
          else expect(run).toThrow(DomainError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('any legal path from a new report keeps the status invariants', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom('u1', 'u2', 'u3')), { maxLength: 40 }), (steps) => {
        let s = newReportState();
        for (const [pick, close, unit] of steps) {
          const allowed = allowedActions(s);
          const type = allowed[pick % allowed.length];
          if (type === undefined) break;
          const action = act(type, type === 'dispose' ? { unitId: unit === s.unitId ? `${unit}x` : unit } : { close });
          s = transition(s, action).after;
          if (s.status === 'BELUM_TERVERIFIKASI') expect(s).toMatchObject({ unitId: null, claimedById: null });
          if (s.status === 'BELUM_DITINDAKLANJUTI') expect(s.unitId !== null && s.firstResponseAt === null).toBe(true);
          if (s.status === 'PROSES') expect(s.unitId !== null && s.firstResponseAt !== null).toBe(true);
          if (s.status === 'SELESAI') expect(s.closedAt !== null && s.followUpAt !== null).toBe(true);
          if (s.status !== 'SELESAI') expect(s.closedAt).toBeNull();
          if (s.status === 'TUNDA') expect(['BELUM_TERVERIFIKASI', 'BELUM_DITINDAKLANJUTI', 'PROSES']).toContain(s.statusBeforeHold);
          else expect(s.statusBeforeHold).toBeNull();
          if (s.unitId !== null) expect(s.verifiedAt).not.toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });
});
