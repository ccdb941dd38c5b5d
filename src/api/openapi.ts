/**
 * The OpenAPI 3.1 document, generated from the zod schemas the handlers validate with
 * (schemas.ts): JSON Schema 2020-12 is OpenAPI 3.1's schema dialect, so `z.toJSONSchema` output
 * is used as is. Only the paths and their prose are written here.
 */
import { z } from 'zod';
import { ErrorView, HealthView, PatchResult, RecapQuery, RecapView, ReportInput, ReportPatch, ReportView, UpsertResult } from './schemas.js';

type Json = Record<string, unknown>;

function schema(s: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Json;
  return rest;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string): Json => ({ description, content: { 'application/json': { schema: ref(name) } } });
const errors = (...codes: number[]): Record<string, Json> =>
  Object.fromEntries(codes.map((c) => [String(c), json('Error', 'Refused: `error.code` says why, `error.message` says it in Indonesian')]));

const trackingParam = { name: 'trackingId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9-]{3,40}$' } };

/** Query parameters from the (flat) recap query schema. */
function queryParams(s: z.ZodObject): Json[] {
  const props = (schema(s, 'input').properties ?? {}) as Record<string, Json>;
  return Object.entries(props).map(([name, p]) => ({ name, in: 'query', required: false, schema: p, description: p.description }));
}

export function openApiDocument(version = '0.1.0'): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Penghubung REST API',
      version,
      description: 'Reports in and out of Penghubung (SP4N-LAPOR! coordination). Bearer tokens per agency: `penghubung token create --agency <code> --name <name>`. Reporter identity is never returned.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `penghubung token create`; 20 failed attempts a minute from one address → 429 (per process)' } },
      schemas: {
        ReportInput: schema(ReportInput, 'input'),
        ReportPatch: schema(ReportPatch, 'input'),
        ReportView: schema(ReportView, 'output'),
        UpsertResult: schema(UpsertResult, 'output'),
        PatchResult: schema(PatchResult, 'output'),
        RecapView: schema(RecapView, 'output'),
        Health: schema(HealthView, 'output'),
        Error: schema(ErrorView, 'output'),
      },
    },
    paths: {
      '/api/v1/reports': {
        post: {
          summary: 'Create a report, or update it by tracking id (idempotent)',
          description: 'Same body twice: 200 "unchanged", nothing recorded. Different details: 200 "updated", one `updated` event. Status is never changed here. `unit` routes a new report right away (the unit chat gets its post).',
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReportInput') } } },
          responses: { '201': json('UpsertResult', 'Created'), '200': json('UpsertResult', 'Existing report, updated or unchanged'), ...errors(400, 401, 404, 409, 413, 422, 429) },
        },
      },
      '/api/v1/reports/{trackingId}': {
        parameters: [trackingParam],
        get: {
          summary: 'A report with its history, without reporter identity',
          responses: { '200': { description: 'The report', content: { 'application/json': { schema: { type: 'object', properties: { report: ref('ReportView') }, required: ['report'] } } } }, ...errors(400, 401, 404, 429) },
        },
        patch: {
          summary: 'Change the status (same state machine as the chat commands) and/or record the rating',
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReportPatch') } } },
          responses: { '200': json('PatchResult', 'Applied'), ...errors(400, 401, 404, 409, 413, 422, 429) },
        },
      },
      '/api/v1/recap': {
        get: {
          summary: 'LAPOR! recap (Rekapitulasi Kinerja) of the reports received in a period, with the period before',
          parameters: queryParams(RecapQuery),
          responses: { '200': json('RecapView', 'The recap'), ...errors(400, 401, 404, 429) },
        },
      },
      '/api/v1/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1' } } } },
      '/healthz': {
        get: { summary: 'Health: database, outbox depth, registered adapters', security: [], responses: { '200': json('Health', 'Healthy'), '503': json('Health', 'A check failed') } },
      },
      '/metrics': {
        get: { summary: 'Prometheus metrics (text format 0.0.4); a token only when the server is configured with one', security: [], responses: { '200': { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errors(401) } },
      },
    },
  };
}
