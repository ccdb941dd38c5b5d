/**
 * Linking the bot's WhatsApp number: show the QR code (terminal, and a PNG file for headless
 * servers) or a pairing code, wait until WhatsApp is ready, let Chromium write the session into
 * the LocalAuth folder, close. Restarts of the bot then reuse the session without a new scan.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WaClient } from '../../adapters/whatsapp/client.js';
import type { CliIo } from '../types.js';

export interface LoginOptions {
  io: CliIo;
  /** Where the QR code is written as a PNG (removed afterwards: while valid it links a device). */
  pngPath: string;
  /** The number a pairing code was asked for (E.164), for the instructions. */
  phone?: string;
  /** Give up after this long without a completed login. */
  timeoutMs: number;
  /** Wait after 'ready' so the session is on disk before Chromium closes. */
  settleMs: number;
  /** Where the session is kept (shown to the admin). */
  sessionDir: string;
  renderQr?: (qr: string) => Promise<string>;
  qrPng?: (qr: string) => Promise<Buffer>;
}

async function terminalQr(qr: string): Promise<string> {
  const mod = await import('qrcode-terminal');
  const qrt = (mod as unknown as { default?: typeof mod }).default ?? mod;
  return new Promise((resolve) => qrt.generate(qr, { small: true }, resolve));
}

async function pngQr(qr: string): Promise<Buffer> {
  const { default: qrcode } = await import('qrcode');
  return qrcode.toBuffer(qr, { width: 512, margin: 3 });
}

const pretty = (code: string): string => (code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code);

/** Run the login on `client`; resolves with the exit code (0 = linked). Always destroys the client. */
export async function runWhatsAppLogin(client: WaClient, o: LoginOptions): Promise<number> {
  const { io } = o;
  let pngWritten = false;
  let shownQr = 0;
  // QR codes are shown one after another; the cleanup waits for the last one.
  let qrJob: Promise<void> = Promise.resolve();
  const code = await new Promise<number>((resolve) => {
    let done = false;
    const finish = (c: number): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(c);
    };
    const timer = setTimeout(() => {
      io.err(`error: no login within ${Math.round(o.timeoutMs / 1000)} s; run the command again when the phone is at hand`);
      finish(1);
    }, o.timeoutMs);
    client.on('qr', (qr) => {
      qrJob = qrJob.then(async () => {
        shownQr++;
        io.out(shownQr === 1
          ? 'On the bot phone open WhatsApp → Settings (⋮) → "Perangkat tertaut" (Linked devices) → "Tautkan perangkat" (Link a device) and scan this code:'
          : 'The code changed (WhatsApp renews it about every 20 s); scan this one:');
        io.out(await (o.renderQr ?? terminalQr)(qr));
        try {
          await mkdir(dirname(o.pngPath), { recursive: true });
          await writeFile(o.pngPath, await (o.qrPng ?? pngQr)(qr), { mode: 0o600 });
          pngWritten = true;
          if (shownQr === 1) io.out(`The same code is saved as an image: ${o.pngPath} (open it from another computer if this terminal cannot show it; it is kept up to date and deleted after login).`);
        } catch (e) {
          io.err(`warning: could not write ${o.pngPath}: ${(e as Error).message}`);
        }
      }).catch((e: unknown) => io.err(`warning: could not show the QR code: ${(e as Error).message}`));
    });
    client.on('code', (pairing) => {
      io.out(`Pairing code for ${o.phone ?? 'the bot number'}: ${pretty(pairing)}`);
      io.out('On the bot phone open WhatsApp → "Perangkat tertaut" → "Tautkan perangkat" → "Tautkan dengan nomor telepon saja" (Link with phone number instead) and type the code.');
    });
    client.on('authenticated', () => io.out('Accepted by WhatsApp; loading chats…'));
    client.on('auth_failure', (m) => {
      io.err(`error: WhatsApp refused the login (${m}); run the command again`);
      finish(1);
    });
    client.on('disconnected', (reason) => {
      io.err(`error: WhatsApp closed the connection (${reason}) before the login completed`);
      finish(1);
    });
    client.on('ready', () => {
      void (async () => {
        await new Promise((r) => setTimeout(r, o.settleMs));
        const me = client.me();
        io.out(`WhatsApp is linked${me ? ` as +${me.replace(/@.*$/, '')}` : ''}. The session is kept in ${o.sessionDir}; start (or restart) the bot: penghubung start`);
        finish(0);
      })();
    });
    client.initialize().catch((e: unknown) => {
      io.err(`error: could not start WhatsApp Web: ${e instanceof Error ? e.message : String(e)}`);
      finish(1);
    });
  });
  await client.destroy().catch(() => {});
  await qrJob;
  if (pngWritten) await rm(o.pngPath, { force: true });
  return code;
}
