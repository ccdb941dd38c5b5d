/**
 * Loading a feature module that may not have landed yet: a missing file (or a missing export)
 * becomes NotAvailable, so the harness prints "not available yet" instead of failing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NotAvailable } from './types.js';

/** `rel` is relative to the repository root, e.g. 'src/recap/compute-recap.ts'. */
export async function optionalModule(rel: string): Promise<Record<string, unknown>> {
  const url = new URL(`../../${rel}`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) throw new NotAvailable(`${rel} not available yet`);
  try {
    return (await import(url.href)) as Record<string, unknown>;
  } catch (e) {
    throw new NotAvailable(`${rel} did not load: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** A named function export of an optional module, or NotAvailable. */
export async function optionalFunction<F>(rel: string, name: string): Promise<F> {
  const mod = await optionalModule(rel);
  const fn = mod[name];
  if (typeof fn !== 'function') throw new NotAvailable(`${rel} has no export ${name} yet`);
  return fn as F;
}
