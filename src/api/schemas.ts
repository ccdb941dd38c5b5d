/**
 * The zod schemas of the REST API: requests are validated with them and the OpenAPI document
 * (openapi.ts) is generated from them, so the two cannot drift apart. No transforms here: a
 * transform has no JSON Schema; handlers convert (dates, upper-case codes) after validation.
 */
import { z } from 'zod';
import { REPORT_STATUSES, CATEGORIES } from '../domain/types.js';

export const TrackingId = z.string().regex(/^[A-Za-z0-9-]{3,40}$/).describe('LAPOR! tracking id: letters, digits and hyphens, 3–40 characters');
export const UnitCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/).describe('Unit code, case-insensitive, e.g. BKN-DIT-PENGADAAN');
const LocalDate = z.iso.date().describe('Calendar date in the office timezone, YYYY-MM-DD');
const Instant = z.iso.datetime({ offset: true });
const nullableText = (max: number) => z.string().max(max).nullable().optional();

export const ReporterInput = z
  .strictObject({
    name: nullableText(200),
    contact: nullableText(200),
    gender: z.enum(['L', 'P']).nullable().optional().describe('L | P (SP4N indicators 17/18)'),
    disability: z.boolean().optional(),
    vulnerable: z.boolean().optional(),
  })
  .describe('The reporter; stored apart from the report and never returned by the API');

/** POST /api/v1/reports. Absent optional fields leave an existing report's value alone. */
export const ReportInput = z
  .strictObject({
    trackingId: TrackingId,
    title: z.string().trim().min(1).max(500),
    body: z.string().min(1).max(100_000),
    category: z.enum(CATEGORIES),
    receivedAt: Instant.optional().describe('When LAPOR! received the report (default: now)'),
    topic: nullableText(200),
    channel: nullableText(40).describe('website | sms | telepon | langsung'),
    anonymous: z.boolean().optional(),
    confidential: z.boolean().optional(),
    reporter: ReporterInput.optional(),
    unit: UnitCode.optional().describe('Route to this unit right away (first routing only; re-route with PATCH action=dispose)'),
  })
  .describe('A report to create, or to update by tracking id (status is never changed here)');
export type ReportInput = z.infer<typeof ReportInput>;

/** Actions PATCH accepts: the Admin Instansi's actions plus closing, as the chat commands do them. */
export const API_ACTIONS = ['verify', 'dispose', 'hold', 'resume', 'archive', 'reopen', 'close'] as const;
export type ApiAction = (typeof API_ACTIONS)[number];

const Rating = z.number().min(1).max(5).describe('Stored with two decimals');

/** PATCH /api/v1/reports/{trackingId}. */
export const ReportPatch = z
  .strictObject({
    action: z.enum(API_ACTIONS).optional().describe('State change, through the same state machine as the chat commands'),
    unit: UnitCode.optional().describe('Required for dispose'),
    reason: z.string().max(3500).optional().describe('Required for hold, archive and reopen'),
    rating: Rating.optional().describe("Reporter's rating from LAPOR! (1–5)"),
    ratingAccuracy: Rating.optional().describe("Reporter's accuracy rating from LAPOR! (1–5)"),
    reporterReplied: z.boolean().optional(),
  })
  .refine((p) => p.action !== undefined || p.rating !== undefined || p.ratingAccuracy !== undefined || p.reporterReplied !== undefined, {
    message: 'isi action dan/atau rating, ratingAccuracy, reporterReplied',
  })
  .describe('An action and/or the rating fields; the action runs first');
export type ReportPatch = z.infer<typeof ReportPatch>;

export const RecapQuery = z.strictObject({
  from: LocalDate.optional().describe('First day (default: first day of the current month)'),
  to: LocalDate.optional().describe('Last day, inclusive (default: today)'),
  unit: UnitCode.optional(),
});

export const EventView = z.object({
  at: Instant,
  action: z.string().describe('received, updated, rated, verified, disposed, rerouted, claimed, …'),
  actor: z.string().describe('Who: an officer name, "API <token name>", "Sistem", …'),
  source: z.string().describe('telegram | whatsapp | console | api | import | system | cli'),
  reason: z.string().nullable().describe('Reason or answer text, masked'),
});

/** A report as the API shows it: no reporter identity, personal data in texts masked. */
export const ReportView = z.object({
  id: z.uuid(),
  trackingId: z.string(),
  title: z.string().describe('Masked'),
  body: z.string().nullable().describe('Masked; null for confidential reports'),
  bodyWithheld: z.boolean(),
  category: z.string(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  topic: z.string().nullable(),
  channel: z.string().nullable(),
  anonymous: z.boolean(),
  confidential: z.boolean(),
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  claimedBy: z.object({ name: z.string() }).nullable(),
  claimedAt: Instant.nullable(),
  receivedAt: Instant,
  verifiedAt: Instant.nullable(),
  disposedAt: Instant.nullable(),
  firstResponseAt: Instant.nullable(),
  followUpAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  dueDate: z.string().nullable().describe('YYYY-MM-DD'),
  dueAt: Instant.nullable(),
  rating: z.number().nullable(),
  ratingAccuracy: z.number().nullable(),
  reporterReplied: z.boolean(),
  bounceCount: z.number().int(),
  duplicateOf: z.string().nullable().describe('Tracking id of the report this one may duplicate'),
  allowedActions: z.array(z.enum(API_ACTIONS)).describe('PATCH actions possible from the current status'),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
  events: z.array(EventView),
});
export type ReportView = z.infer<typeof ReportView>;

export const UpsertResult = z.object({
  result: z.enum(['created', 'updated', 'unchanged']),
  changed: z.array(z.string()).describe('Fields that changed (names only)'),
  report: ReportView,
});

export const PatchResult = z.object({
  result: z.string().describe('The recorded event (verified, disposed, …, rated) or "unchanged"'),
  report: ReportView,
});

const count = z.number().int();
const mean = z.number().nullable();
const Figures = {
  belumTerverifikasi: count, belumDitindaklanjuti: count, proses: count, selesai: count, tunda: count, arsip: count,
  total: count.describe('Belum Terverifikasi + Belum Ditindaklanjuti + Proses + Selesai (tanpa Arsip dan Tunda)'),
  persenTL: mean.describe('%TL: (Proses + Selesai) / Total × 100, one decimal'),
  rtl: mean.describe('RTL: mean calendar days from receipt to the first response'),
  rhp: mean.describe('RHP: mean rating 1–5'),
  rv: mean.describe('RV: mean calendar days from receipt to verification'),
};
const Period = z.object({ from: z.string(), to: z.string() });
const Topics = z.array(z.object({ topic: z.string(), count }));

/** The LAPOR! "Rekapitulasi Kinerja" of the reports received in the period (src/recap/). */
export const RecapView = z.object({
  period: Period,
  timeZone: z.string(),
  unit: z.string().nullable().describe('The unit asked for (its sub-units included), or null for the whole agency'),
  ...Figures,
  received: count.describe('Every report received in the period, Tunda and Arsip included'),
  overdue: count.describe('Open reports past their deadline at asOf'),
  asOf: Instant,
  topTopics: Topics,
  verification: z.object({
    count, withinThreeDays: count, afterThreeDays: count, meanDays: mean,
    byVerifier: z.array(z.object({ name: z.string(), withinThreeDays: count, afterThreeDays: count, meanDays: mean })),
  }),
  units: z.array(z.object({ code: z.string(), name: z.string(), ...Figures, overdue: count, topTopics: Topics })),
  previous: z.object({ period: Period, ...Figures }).nullable().describe('The same number of days right before, for trends'),
});
export type RecapView = z.infer<typeof RecapView>;

export const HealthView = z.object({
  status: z.enum(['ok', 'fail']),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.unknown().optional() })),
});

export const ErrorView = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().describe('Indonesian, with what to do next'),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
