/**
 * The REST API as a Hono app (no server here: see server.ts). Routes:
 *   POST  /api/v1/reports               create or update by tracking id (upsert-report.ts)
 *   GET   /api/v1/reports/:trackingId   the report without reporter identity, with its history
 *   PATCH /api/v1/reports/:trackingId   status change through the state machine (patch-report.ts)
 *   GET   /api/v1/recap                 status counts for a period (recap.ts)
 *   GET   /api/v1/openapi.json          the OpenAPI 3.1 document (no token)
 *   GET   /healthz                      health (no token), GET /metrics  Prometheus (optional token)
 * Every /api/v1 route except the document needs a bearer token of an agency and only ever sees
 * that agency's reports.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { isDomainError } from '../domain/errors.js';
import type { Logger } from '../lib/logger.js';
import { mask } from '../lib/pii.js';
import type { ServiceContext } from '../services/context.js';
import { DEFAULT_LIMITER, FailureLimiter, type LimiterOptions } from './auth-limiter.js';
import { bearerAuth, clientAddress, type ApiEnv } from './auth.js';
import { ApiError, errorBody, fromDomain, fromZod, internalError, invalidJson, payloadTooLarge, rateLimited, unauthorized } from './errors.js';
import { checkHealth, coreChecks } from './health.js';
import { renderMetrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { patchReport } from './patch-report.js';
import { recapFor } from './recap.js';
import { reportView, reportViewByTracking } from './report-view.js';
import { RecapQuery, ReportInput, ReportPatch, TrackingId } from './schemas.js';
import { upsertReport } from './upsert-report.js';

export interface ApiOptions {
  services: ServiceContext;
  log: Logger;
  /** More Prometheus text appended to /metrics (e.g. another adapter's figures). */
  metrics?: () => Promise<string>;
  /** When set, /metrics needs `Authorization: Bearer <metricsToken>`; by default it is open. */
  metricsToken?: string;
  /** Exactly one reverse proxy in front: take the client address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Failed authentications allowed per address and window (default 20 a minute). */
  authFailures?: LimiterOptions;
  /** Similarity from which a created report is flagged as a possible duplicate (default 0.8). */
  duplicateThreshold?: number;
  /** Largest request body (default 256 KiB). */
  maxBodyBytes?: number;
  /** How long one health check may take (default 3 s). */
  healthTimeoutMs?: number;
  /** Called after a change that may have queued messages (wake the outbox dispatcher). */
  kick?: () => void;
}

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

const INDONESIAN = z.locales.id().localeError;

/** Validate with a schema; Indonesian messages, refused as 400 INVALID_ARGS listing every issue. */
function validated<S extends z.ZodType>(schema: S, data: unknown, where: 'body' | 'query' | 'path'): z.infer<S> {
  const r = schema.safeParse(data, { error: INDONESIAN });
  if (!r.success) throw fromZod(r.error, where);
  return r.data;
}

async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson();
  }
}

const sha = (s: string): Buffer => createHash('sha256').update(s).digest();

export function createApi(opts: ApiOptions): Hono<ApiEnv> {
  const { services, log } = opts;
  const trustProxy = opts.trustProxy ?? false;
  const limiter = new FailureLimiter(opts.authFailures ?? DEFAULT_LIMITER);
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const app = new Hono<ApiEnv>();

  app.onError((err, c) => {
    const e = err instanceof ApiError ? err : isDomainError(err) ? fromDomain(err) : null;
    if (e) return c.json(errorBody(e), e.status, e.headers);
    // Database errors can quote the values they choke on: mask the message, keep the stack frames.
    const e0 = err instanceof Error ? err : new Error(String(err));
    log.error({ err: { name: e0.name, message: mask(e0.message).slice(0, 1000), stack: e0.stack?.split('\n').slice(1, 10).join('\n') }, method: c.req.method, path: c.req.path }, 'api request failed');
    const internal = internalError();
    return c.json(errorBody(internal), internal.status);
  });
  app.notFound((c) => c.json(errorBody(new ApiError(404, 'NOT_FOUND', 'Alamat API tidak dikenal. Daftar alamat: /api/v1/openapi.json.')), 404));

  app.use('*', async (c, next) => {
    const started = Date.now();
    await next();
    // Method, path and status only: bodies carry personal data.
    log.debug({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started }, 'api request');
  });
  app.use('/api/*', bodyLimit({ maxSize: maxBody, onError: (c) => c.json(errorBody(payloadTooLarge(maxBody)), 413) }));

  const auth = bearerAuth({ services, log, limiter, trustProxy });
  app.use('/api/v1/reports', auth);
  app.use('/api/v1/reports/*', auth);
  app.use('/api/v1/recap', auth);

  app.post('/api/v1/reports', async (c) => {
    const input = validated(ReportInput, await jsonBody(c), 'body');
    const out = await upsertReport(services, c.get('caller'), input, { duplicateThreshold: opts.duplicateThreshold });
    if (out.result !== 'unchanged') opts.kick?.();
    return c.json({ result: out.result, changed: out.changed, report: await reportView(services, out.report) }, out.result === 'created' ? 201 : 200);
  });

  app.get('/api/v1/reports/:trackingId', async (c) => {
    const tracking = validated(TrackingId, c.req.param('trackingId'), 'path');
    return c.json({ report: await reportViewByTracking(services, c.get('caller').agencyId, tracking) });
  });

  app.patch('/api/v1/reports/:trackingId', async (c) => {
    const tracking = validated(TrackingId, c.req.param('trackingId'), 'path');
    const patch = validated(ReportPatch, await jsonBody(c), 'body');
    const out = await patchReport(services, c.get('caller'), tracking, patch);
    if (out.result !== 'unchanged') opts.kick?.();
    return c.json({ result: out.result, report: await reportView(services, out.report) });
  });

  app.get('/api/v1/recap', async (c) => {
    const q = validated(RecapQuery, c.req.query(), 'query');
    return c.json(await recapFor(services, { agencyId: c.get('caller').agencyId, ...q }));
  });

  const document = openApiDocument();
  app.get('/api/v1/openapi.json', (c) => c.json(document));

  const core = coreChecks(services.db);
  app.get('/healthz', async (c) => {
    const health = await checkHealth(core, opts.healthTimeoutMs);
    return c.json(health, health.status === 'ok' ? 200 : 503);
  });

  app.get('/metrics', async (c) => {
    if (opts.metricsToken) {
      const address = clientAddress(c, trustProxy);
      const nowMs = services.clock.now().getTime();
      const wait = limiter.retryAfterSeconds(address, nowMs);
      if (wait > 0) throw rateLimited(wait);
      const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
      if (!timingSafeEqual(sha(given), sha(opts.metricsToken))) {
        limiter.fail(address, nowMs);
        throw unauthorized();
      }
    }
    const text = await renderMetrics(services.db, opts.metrics);
    return c.text(text, 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });

  return app;
}
