/**
 * The REST API's HTTP server (@hono/node-server). `port: 0` picks a free port (tests); the
 * chosen one is returned. `stop()` stops accepting, closes idle keep-alive connections and waits
 * for requests in flight.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApi, type ApiOptions } from './app.js';

export interface ApiServerOptions extends ApiOptions {
  port: number;
  /** Interface to listen on (default: all). */
  hostname?: string;
}

export interface RunningApi {
  port: number;
  stop(): Promise<void>;
}

export async function startApi(opts: ApiServerOptions): Promise<RunningApi> {
  const app = createApi(opts);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.hostname }, () => resolve(s as Server));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  opts.log.info({ port }, 'REST API listening');
  return {
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
