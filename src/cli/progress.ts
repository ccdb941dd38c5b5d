/** A one-line progress bar for long CLI jobs on a terminal: redrawn in place with \r, throttled. */

export interface ProgressLine {
  /** Redraw (at most every `everyMs`) with rows done, bytes read of the total, and elapsed time. */
  update(p: { rows: number; bytesRead: number; totalBytes: number; elapsedMs: number }): void;
  /** Erase the line (before printing something else, and at the end). */
  clear(): void;
}

const WIDTH = 24;

export function formatProgress(p: { rows: number; bytesRead: number; totalBytes: number; elapsedMs: number }): string {
  const fraction = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
  const filled = Math.round(fraction * WIDTH);
  const rate = p.elapsedMs > 0 ? Math.round((p.rows * 1000) / p.elapsedMs) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% · ${p.rows.toLocaleString('en-US')} rows · ${rate.toLocaleString('en-US')} rows/s`;
}

export function progressLine(write: (text: string) => void, everyMs = 200, now: () => number = Date.now): ProgressLine {
  let last = -Infinity;
  let shown = false;
  return {
    update(p) {
      const t = now();
      if (t - last < everyMs) return;
      last = t;
      shown = true;
      write(`\r\x1b[K${formatProgress(p)}`);
    },
    clear() {
      if (shown) write('\r\x1b[K');
      shown = false;
      last = -Infinity;
    },
  };
}
