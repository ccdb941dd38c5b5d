/**
 * In-process counters for /metrics (Prometheus text). Figures that live in the database (queue
 * depth, job runs) are read there at scrape time; these count what only this process sees.
 */
const counters = new Map<string, { help: string; values: Map<string, number> }>();

function key(labels: Record<string, string>): string {
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
    .join(',');
}

/** Add `by` to a counter, e.g. inc('penghubung_sends_total', 'Messages sent', { platform: 'telegram' }). */
export function inc(name: string, help: string, labels: Record<string, string> = {}, by = 1): void {
  let c = counters.get(name);
  if (!c) {
    c = { help, values: new Map() };
    counters.set(name, c);
  }
  const k = key(labels);
  c.values.set(k, (c.values.get(k) ?? 0) + by);
}

/** Current counters in Prometheus text exposition format. */
export function renderCounters(): string {
  const out: string[] = [];
  for (const [name, c] of counters) {
    out.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
    for (const [labels, v] of c.values) out.push(`${name}${labels ? `{${labels}}` : ''} ${v}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

export function resetCounters(): void {
  counters.clear();
}
