/**
 * The report state machine (DOMAIN.md "A report's life"). Pure: no clock, no I/O and no roles —
 * who may act on a report is checked by the ACL layer before `transition` is called.
 *
 * Decisions not spelled out by LAPOR! itself:
 * - `unitId`, `disposedAt`, the claim, `firstResponseAt` and `followUpAt` describe the report's
 *   *current assignment*: leaving a unit (re-route, bukan wewenang) clears them, because the new
 *   unit has not responded yet and an old unit's tindak lanjut must not let the new one close.
 *   Report-wide facts are kept apart: `verifiedAt`, `bounceCount` and `firstRespondedAt` (the
 *   first response ever, never cleared: RTL counts from receipt to it) are report-wide.
 * - Invariants the machine keeps: BELUM_TERVERIFIKASI has no unit; BELUM_DITINDAKLANJUTI has a
 *   unit and no response; PROSES has a unit and a response; SELESAI has a tindak lanjut.
 * - The claim is a coordination aid, not a lock: anyone may respond, and a responder without a
 *   claim in place takes it so the report has an owner; an existing claim is never stolen.
 * - Checks run in a fixed order so a person hears the most useful complaint first: is the action
 *   possible from this state at all (ILLEGAL_TRANSITION and the state-specific codes), then is the
 *   payload complete (TEXT_REQUIRED, REASON_REQUIRED, UNIT_REQUIRED, INVALID_DATE, SAME_UNIT).
 */
import { fail, type DomainErrorCode } from './errors.js';
import type { ReportStatus } from './types.js';

/** The subset of a report the machine reasons about. */
export interface ReportState {
  status: ReportStatus;
  /** Unit the report is disposed to; null while it waits for the Admin Instansi. */
  unitId: string | null;
  claimedById: string | null;
  claimedAt: Date | null;
  verifiedAt: Date | null;
  /** When it reached the current unit: SLA deadlines count from here. */
  disposedAt: Date | null;
  /** First respon awal at the current unit (or first tindak lanjut if there was no respon awal). */
  firstResponseAt: Date | null;
  /** Last tindak lanjut at the current unit; closing requires one. */
  followUpAt: Date | null;
  closedAt: Date | null;
  /** How many times a unit said "bukan wewenang". */
  bounceCount: number;
  /** Status to resume to from TUNDA. */
  statusBeforeHold: ReportStatus | null;
}

export type ReportAction =
  | { type: 'verify'; by: string; at: Date }
  | { type: 'dispose'; by: string; at: Date; unitId: string }
  | { type: 'claim'; by: string; at: Date }
  | { type: 'unclaim'; by: string; at: Date }
  | { type: 'respond'; by: string; at: Date; text: string }
  | { type: 'follow_up'; by: string; at: Date; text: string; close: boolean }
  | { type: 'close'; by: string; at: Date }
  | { type: 'bounce'; by: string; at: Date; reason: string }
  | { type: 'hold'; by: string; at: Date; reason: string }
  | { type: 'resume'; by: string; at: Date }
  | { type: 'archive'; by: string; at: Date; reason: string }
  | { type: 'reopen'; by: string; at: Date; reason: string };

export type ReportActionType = ReportAction['type'];

/** Every action type, in the order menus list them. */
export const REPORT_ACTION_TYPES = [
  'verify', 'dispose', 'claim', 'unclaim', 'respond', 'follow_up',
  'close', 'bounce', 'hold', 'resume', 'archive', 'reopen',
] as const satisfies readonly ReportActionType[];

/** Names of the events a transition records in the report's history. */
export const REPORT_EVENTS = [
  'verified', 'disposed', 'rerouted', 'claimed', 'unclaimed', 'responded', 'followed_up',
  'closed', 'bounced', 'held', 'resumed', 'archived', 'reopened',
] as const;
export type EventName = (typeof REPORT_EVENTS)[number];

export interface Transition {
  before: ReportState;
  after: ReportState;
  action: ReportAction;
  event: EventName;
}

/**
 * Statuses that still need work at a unit and are reminded about until closed, archived or
 * re-routed. BELUM_TERVERIFIKASI is not here: it sits in the Admin Instansi's queue and has its own
 * verification deadline. TUNDA is a deliberate, recorded pause, so it is not reminded either.
 */
export const OPEN_STATUSES: ReportStatus[] = ['BELUM_DITINDAKLANJUTI', 'PROSES'];

/** Whether a report in `status` is open at a unit (see OPEN_STATUSES). */
export function isOpenAtUnit(status: ReportStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** The state of a report just received from LAPOR!. */
export function newReportState(): ReportState {
  return {
    status: 'BELUM_TERVERIFIKASI', unitId: null, claimedById: null, claimedAt: null,
    verifiedAt: null, disposedAt: null, firstResponseAt: null, followUpAt: null, closedAt: null,
    bounceCount: 0, statusBeforeHold: null,
  };
}

const AT_UNIT: readonly ReportStatus[] = ['BELUM_DITINDAKLANJUTI', 'PROSES'];
const WORK: readonly ReportStatus[] = ['BELUM_TERVERIFIKASI', ...AT_UNIT];

/**
 * Statuses each action may start from. SELESAI can only be reopened: a finished report is not
 * archived, since that would hide a real answer from the recap (archive only before SELESAI).
 * TUNDA must be resumed before anything but archiving. `close` accepts BELUM_DITINDAKLANJUTI so
 * that it fails with FOLLOW_UP_REQUIRED, which tells the person what to do instead.
 */
const FROM: Record<ReportActionType, readonly ReportStatus[]> = {
  verify: ['BELUM_TERVERIFIKASI'],
  dispose: WORK,
  claim: AT_UNIT,
  unclaim: AT_UNIT,
  respond: AT_UNIT,
  follow_up: AT_UNIT,
  close: AT_UNIT,
  bounce: AT_UNIT,
  hold: WORK,
  resume: ['TUNDA'],
  archive: [...WORK, 'TUNDA'],
  reopen: ['SELESAI', 'ARSIP'],
};

type Blocker = { code: DomainErrorCode; data: Record<string, unknown> };

/** Why `type` cannot start from `state` whatever its payload, or null when it can. */
function blocker(state: ReportState, type: ReportActionType): Blocker | null {
  if (!FROM[type].includes(state.status)) {
    return { code: 'ILLEGAL_TRANSITION', data: { from: state.status, action: type } };
  }
  switch (type) {
    case 'verify':
      // A bounced report keeps its verification; verifying again would distort RV.
      return state.verifiedAt ? { code: 'ALREADY_VERIFIED', data: { verifiedAt: state.verifiedAt } } : null;
    case 'claim':
      return state.claimedById !== null
        ? { code: 'ALREADY_CLAIMED', data: { claimedById: state.claimedById, claimedAt: state.claimedAt } }
        : null;
    case 'unclaim':
      return state.claimedById === null ? { code: 'NOT_CLAIMED', data: {} } : null;
    case 'close':
      // A respon awal alone never finishes a report (the LAPOR! v4 mistake DOMAIN.md warns about).
      return state.status !== 'PROSES' || state.followUpAt === null
        ? { code: 'FOLLOW_UP_REQUIRED', data: { from: state.status } }
        : null;
    default:
      return null;
  }
}

/** Action types that succeed from `state` given a valid payload (for buttons and menus). */
export function allowedActions(state: ReportState): ReportActionType[] {
  return REPORT_ACTION_TYPES.filter((type) => blocker(state, type) === null);
}

/** Apply `action` to `state` without mutating it; throws DomainError when it is not allowed. */
export function transition(state: ReportState, action: ReportAction): Transition {
  const block = blocker(state, action.type);
  if (block) {
    // Lets the UI say "Anda sudah mengambil laporan ini" rather than naming someone else.
    const extra = block.code === 'ALREADY_CLAIMED' ? { self: state.claimedById === action.by } : {};
    fail(block.code, { ...block.data, ...extra });
  }
  if (!(action.at instanceof Date) || Number.isNaN(action.at.getTime())) {
    fail('INVALID_DATE', { action: action.type });
  }
  const { after, event } = apply(state, action);
  return { before: { ...state }, after, action, event };
}

/** The status a report is in at its current assignment when no hold or closure applies. */
function workStatus(state: ReportState): ReportStatus {
  if (state.unitId === null) return 'BELUM_TERVERIFIKASI';
  return state.firstResponseAt === null ? 'BELUM_DITINDAKLANJUTI' : 'PROSES';
}

/** Fields reset when a report leaves its unit: the next unit starts from scratch. */
const LEFT_UNIT = {
  unitId: null, disposedAt: null, claimedById: null, claimedAt: null,
  firstResponseAt: null, followUpAt: null,
} as const satisfies Partial<ReportState>;

function requireText(value: unknown, code: 'TEXT_REQUIRED' | 'REASON_REQUIRED', action: ReportActionType): void {
  if (typeof value !== 'string' || value.trim() === '') fail(code, { action });
}

function claimIfFree(state: ReportState, action: ReportAction): Partial<ReportState> {
  return state.claimedById === null ? { claimedById: action.by, claimedAt: action.at } : {};
}

function apply(s: ReportState, a: ReportAction): { after: ReportState; event: EventName } {
  switch (a.type) {
    case 'verify': return { after: { ...s, verifiedAt: a.at }, event: 'verified' };
    case 'dispose': {
      if (typeof a.unitId !== 'string' || a.unitId.trim() === '') fail('UNIT_REQUIRED', { action: a.type });
      if (a.unitId === s.unitId) fail('SAME_UNIT', { unitId: a.unitId });
      // Routing implies verification; only a unit-to-unit move is a re-route (a return after
      // "bukan wewenang" is already recorded as 'bounced').
      const event = s.status === 'BELUM_TERVERIFIKASI' ? 'disposed' : 'rerouted';
      const after: ReportState = {
        ...s, ...LEFT_UNIT, status: 'BELUM_DITINDAKLANJUTI', unitId: a.unitId, disposedAt: a.at,
        verifiedAt: s.verifiedAt ?? a.at,
      };
      return { after, event };
    }
    case 'claim': return { after: { ...s, claimedById: a.by, claimedAt: a.at }, event: 'claimed' };
    case 'unclaim': return { after: { ...s, claimedById: null, claimedAt: null }, event: 'unclaimed' };
    case 'respond':
      requireText(a.text, 'TEXT_REQUIRED', a.type);
      return {
        after: { ...s, ...claimIfFree(s, a), status: 'PROSES', firstResponseAt: s.firstResponseAt ?? a.at },
        event: 'responded',
      };
    case 'follow_up': {
      requireText(a.text, 'TEXT_REQUIRED', a.type);
      const base: ReportState = {
        ...s, ...claimIfFree(s, a), status: 'PROSES', firstResponseAt: s.firstResponseAt ?? a.at, followUpAt: a.at,
      };
      // Closing with the answer is the usual path, so notifications key on 'closed'.
      return a.close
        ? { after: { ...base, status: 'SELESAI', closedAt: a.at }, event: 'closed' }
        : { after: base, event: 'followed_up' };
    }
    case 'close': return { after: { ...s, status: 'SELESAI', closedAt: a.at }, event: 'closed' };
    case 'bounce':
      requireText(a.reason, 'REASON_REQUIRED', a.type);
      return {
        after: { ...s, ...LEFT_UNIT, status: 'BELUM_TERVERIFIKASI', bounceCount: s.bounceCount + 1 },
        event: 'bounced',
      };
    case 'hold':
      requireText(a.reason, 'REASON_REQUIRED', a.type);
      return { after: { ...s, status: 'TUNDA', statusBeforeHold: s.status }, event: 'held' };
    case 'resume': {
      // Stored data may predate the field; fall back to what the assignment says.
      const back = s.statusBeforeHold !== null && WORK.includes(s.statusBeforeHold) ? s.statusBeforeHold : workStatus(s);
      return { after: { ...s, status: back, statusBeforeHold: null }, event: 'resumed' };
    }
    case 'archive':
      requireText(a.reason, 'REASON_REQUIRED', a.type);
      return { after: { ...s, status: 'ARSIP', statusBeforeHold: null }, event: 'archived' };
    case 'reopen': {
      requireText(a.reason, 'REASON_REQUIRED', a.type);
      const status = workStatus(s);
      // A reopened report was found wanting: closing it again needs a fresh tindak lanjut.
      const after: ReportState = { ...s, status, closedAt: null, followUpAt: null, statusBeforeHold: null };
      return { after: status === 'BELUM_TERVERIFIKASI' ? { ...after, ...LEFT_UNIT } : after, event: 'reopened' };
    }
  }
}
