/**
 * GET /metrics in Prometheus text format 0.0.4. Figures that live in the database are read at
 * scrape time, so every replica reports the same (shared) queue and job figures; counters of
 * sends, failures and 429s are this process's own (src/lib/metrics.ts), summed by Prometheus.
 * No label carries personal data: platforms, statuses, job names and failure kinds only.
 */
import { PLATFORMS } from '../domain/types.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { renderCounters } from '../lib/metrics.js';

/** Escape a label value as the exposition format requires. */
export function labelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

interface Sample {
  labels: Record<string, string>;
  value: number;
}

function family(name: string, type: 'gauge' | 'counter', help: string, samples: Sample[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const s of samples) {
    const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${labelValue(v)}"`).join(',');
    lines.push(`${name}${labels ? `{${labels}}` : ''} ${Number.isFinite(s.value) ? s.value : 0}`);
  }
  return `${lines.join('\n')}\n`;
}

const QUEUE_STATUSES = ['PENDING', 'SENDING', 'FAILED'] as const;

async function outboxFamilies(db: PrismaClient): Promise<string> {
  // Only unfinished and failed rows: SENT rows grow without bound and are not a queue.
  const rows = await db.$queryRaw<{ status: string; platform: string; n: number; oldest: Date | null }[]>`
    SELECT status::text AS status, platform::text AS platform, count(*)::int AS n,
           min(created_at) FILTER (WHERE status = 'PENDING') AS oldest
    FROM outbox WHERE status IN ('PENDING', 'SENDING', 'FAILED') GROUP BY status, platform`;
  const depth: Sample[] = [];
  for (const status of QUEUE_STATUSES) {
    for (const platform of PLATFORMS) {
      const n = rows.find((r) => r.status === status && r.platform === platform)?.n ?? 0;
      depth.push({ labels: { status, platform }, value: Number(n) });
    }
  }
  const oldest: Sample[] = PLATFORMS.map((platform) => {
    const at = rows.find((r) => r.status === 'PENDING' && r.platform === platform)?.oldest;
    return { labels: { platform }, value: at ? new Date(at).getTime() / 1000 : 0 };
  });
  return (
    family('penghubung_outbox_queue', 'gauge', 'Outbox rows waiting (PENDING), being sent (SENDING) or given up (FAILED)', depth) +
    family('penghubung_outbox_oldest_pending_timestamp_seconds', 'gauge', 'Creation time of the oldest PENDING row (0 when none)', oldest)
  );
}

async function jobFamilies(db: PrismaClient): Promise<string> {
  const rows = await db.$queryRaw<{ job: string; status: string; n: number; last: Date | null }[]>`
    SELECT job, status, count(*)::int AS n, max(coalesce(finished_at, started_at)) AS last
    FROM job_run GROUP BY job, status ORDER BY job, status`;
  return (
    family('penghubung_job_runs', 'gauge', 'Scheduled job runs recorded in job_run, by job and status', rows.map((r) => ({ labels: { job: r.job, status: r.status }, value: Number(r.n) }))) +
    family('penghubung_job_last_run_timestamp_seconds', 'gauge', 'Latest start or finish of a job run, by job and status', rows.map((r) => ({ labels: { job: r.job, status: r.status }, value: r.last ? new Date(r.last).getTime() / 1000 : 0 })))
  );
}

/** The whole scrape: database figures, this process's counters, then `extra` (other adapters). */
export async function renderMetrics(db: PrismaClient, extra?: () => Promise<string>): Promise<string> {
  const parts = [await outboxFamilies(db), await jobFamilies(db), renderCounters()];
  if (extra) {
    const more = await extra();
    if (more) parts.push(more.endsWith('\n') ? more : `${more}\n`);
  }
  return parts.join('');
}
