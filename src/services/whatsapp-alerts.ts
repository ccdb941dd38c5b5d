/**
 * Telling the Admin Instansi that the WhatsApp bot is in trouble. A WhatsApp outage cannot be
 * reported on WhatsApp, so the notice goes to the agencies' admin chats on Telegram (through the
 * outbox, like every message); an agency without one only has the log.
 */
import { enqueue } from './outbox.js';
import type { ServiceContext } from './context.js';

/** The notices (Indonesian: people read them). */
export const WHATSAPP_ALERTS = {
  needsLogin: (): string =>
    '⚠️ Bot WhatsApp belum tertaut (sesi tidak ada atau kedaluwarsa). Pesan ke grup WhatsApp ditahan di antrean. ' +
    'Minta teknisi menjalankan "penghubung whatsapp login", memindai kode QR di menu "Perangkat tertaut" pada ponsel bot, lalu memulai ulang bot.',
  loggedOut: (reason: string): string =>
    `⚠️ Bot WhatsApp keluar dari WhatsApp (${reason}). Pesan ke grup WhatsApp ditahan di antrean sampai bot ditautkan ulang: ` +
    'minta teknisi menjalankan "penghubung whatsapp login", memindai kode QR di menu "Perangkat tertaut", lalu memulai ulang bot.',
  authFailure: (): string =>
    '⚠️ Bot WhatsApp gagal masuk: sesi yang tersimpan tidak diterima WhatsApp. Pesan ke grup WhatsApp ditahan di antrean. ' +
    'Minta teknisi menjalankan "penghubung whatsapp login" lalu memulai ulang bot.',
  banned: (reason: string): string =>
    `⛔ Nomor bot WhatsApp diblokir oleh WhatsApp (${reason}). Pesan ke grup WhatsApp tidak dapat dikirim. Hubungi teknisi; gunakan Telegram sementara ini.`,
  outage: (minutes: number): string =>
    `⚠️ Bot WhatsApp terputus lebih dari ${minutes} menit dan sedang mencoba tersambung kembali. Pesan ke grup WhatsApp menunggu di antrean dan akan terkirim setelah tersambung.`,
  recovered: (): string => '✅ Bot WhatsApp tersambung kembali. Pesan yang tertunda sedang dikirim.',
};

/**
 * Queue `text` for every healthy admin chat (a chat bound to an agency, not a unit) on Telegram.
 * Returns how many were queued. `dedupeKey` makes a repeated alert (another replica, a restart
 * loop) a no-op per chat.
 */
export async function alertAdminsOnTelegram(ctx: ServiceContext, text: string, dedupeKey?: string): Promise<number> {
  return ctx.db.$transaction(async (tx) => {
    const chats = await tx.chat.findMany({ where: { platform: 'telegram', unitId: null, healthy: true }, orderBy: { createdAt: 'asc' } });
    let queued = 0;
    for (const c of chats) {
      const id = await enqueue(tx, { platform: 'telegram', chatId: c.externalId, threadId: c.threadId || undefined }, { text }, {
        purpose: 'notice',
        dedupeKey: dedupeKey ? `${dedupeKey}:${c.id}` : undefined,
      });
      if (id !== null) queued++;
    }
    return queued;
  });
}

/**
 * The `alertAdmins` callback for startWhatsApp: queue, wake the dispatcher, never throw (an alert
 * must not take the adapter down).
 */
export function whatsappAdminAlerter(ctx: ServiceContext, kick?: () => void): (text: string) => Promise<void> {
  return async (text) => {
    try {
      const n = await alertAdminsOnTelegram(ctx, text);
      ctx.log.info({ chats: n }, n > 0 ? 'whatsapp alert queued for the admin chats on telegram' : 'whatsapp alert: no admin chat on telegram; see the log');
      if (n > 0) kick?.();
    } catch (err) {
      ctx.log.error({ err }, 'could not queue the whatsapp alert');
    }
  };
}
