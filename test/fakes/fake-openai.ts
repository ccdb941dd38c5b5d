/**
 * A fake OpenAI-compatible server (POST /v1/chat/completions) for tests: answers from a script
 * (a queue of steps, then a default responder), injects 429s and hangs (client timeouts), and
 * records every request body so tests can assert on exactly what left the server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string };
  [key: string]: unknown;
}

export interface Recorded {
  path: string;
  authorization: string | undefined;
  /** The body exactly as received. */
  raw: string;
  body: ChatRequest;
}

export type Step =
  | { content: string | object; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { status: 429 | 500 | 400; message?: string }
  /** Never answer (until the server closes): the client's timeout fires. */
  | { hang: true };

export type Responder = (req: ChatRequest) => Step;

export class FakeOpenAI {
  readonly requests: Recorded[] = [];
  private readonly queue: Step[] = [];
  private responder: Responder = () => ({ content: {} });
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private seq = 0;

  /** Base URL for the `openai` client, e.g. http://127.0.0.1:43210/v1 */
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Steps answered in order before the default responder takes over. */
  script(...steps: Step[]): this {
    this.queue.push(...steps);
    return this;
  }

  /** The answer for every request once the script is used up. */
  respondWith(fn: Responder): this {
    this.responder = fn;
    return this;
  }

  reset(): void {
    this.queue.length = 0;
    this.requests.length = 0;
    this.responder = () => ({ content: {} });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    let body: ChatRequest;
    try {
      body = JSON.parse(raw) as ChatRequest;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'invalid JSON' } }));
      return;
    }
    this.requests.push({ path: req.url, authorization: req.headers.authorization, raw, body });
    const step = this.queue.shift() ?? this.responder(body);
    if ('hang' in step) return; // the socket stays open until the client gives up or close() runs
    if ('status' in step) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (step.status === 429) headers['retry-after'] = '20';
      res.writeHead(step.status, headers).end(JSON.stringify({ error: { message: step.message ?? `fake error ${step.status}`, type: step.status === 429 ? 'rate_limit_error' : 'server_error' } }));
      return;
    }
    const content = typeof step.content === 'string' ? step.content : JSON.stringify(step.content);
    const usage = step.usage ?? { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: Math.ceil(content.length / 4) };
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-fake-${++this.seq}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      }),
    );
  }
}

/** Start a fake on a free port. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  return new FakeOpenAI().start();
}
