import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/services/intake/import-ids.js';

describe('uuidv7', () => {
  it('is a version 7, RFC 4122 variant UUID carrying the milliseconds', () => {
    const at = Date.parse('2026-03-02T02:00:00.123Z');
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts by time and never repeats', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => uuidv7(1_772_416_800_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 100; i < ids.length; i += 100) expect(ids[i - 1]! < ids[i]!).toBe(true);
  });
});
