/** Calling the REST API in-process (Hono's `app.request()`), keeping every response text seen. */
import type { Hono } from 'hono';
import type { ApiEnv } from '../../src/api/auth.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when the body is not JSON). */
  json: Record<string, unknown> & { error?: { code: string; message: string; details?: { path: string; message: string }[] } };
}

export interface CallOptions {
  token?: string | null;
  /** Raw body text; objects are JSON-encoded. */
  body?: unknown;
  /** Client address (the app under test trusts X-Forwarded-For). */
  ip?: string;
  headers?: Record<string, string>;
}

export interface ApiClient {
  call(method: string, path: string, opts?: CallOptions): Promise<ApiResponse>;
  /** Every response text so far, to check that something never appears in any of them. */
  seen: string[];
}

export function apiClient(app: Hono<ApiEnv>, defaultToken: () => string): ApiClient {
  const seen: string[] = [];
  return {
    seen,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? '10.0.0.1', ...opts.headers };
      const token = opts.token === undefined ? defaultToken() : opts.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await app.request(path, { method, headers, body });
      const text = await res.text();
      seen.push(text, [...res.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n'));
      let json: ApiResponse['json'];
      try {
        json = JSON.parse(text) as ApiResponse['json'];
      } catch {
        json = undefined as unknown as ApiResponse['json'];
      }
      return { status: res.status, headers: res.headers, text, json };
    },
  };
}
