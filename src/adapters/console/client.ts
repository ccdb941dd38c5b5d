/**
 * The zero-setup chat: act as any person in any chat of the database (the demo by default) and
 * see the bot's replies and group posts as text. Same command registry and services as Telegram.
 */
import { createInterface, type Interface } from 'node:readline';
import type { ChatCore } from '../../chat/core.js';
import type { ServiceContext } from '../../services/context.js';
import { parseConsoleLine, type ConsoleState } from './inbound.js';
import type { ConsoleSink } from './port.js';

export interface ConsoleOptions {
  core: ChatCore;
  services: ServiceContext;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Deliver what is queued for the console before the next prompt. */
  flush: () => Promise<void>;
  onQuit: () => void;
}

const HELP = [
  'Konsol Penghubung — coba semua perintah tanpa Telegram/WhatsApp.',
  '  :people            daftar orang (demo)          :as <nama>     bertindak sebagai orang itu',
  '  :chats             daftar grup                  :chat <nama>   pindah grup',
  '  /bantuan           perintah yang boleh dipakai  angka (1, 2…)  pilih tombol pesan terakhir',
  '  >42 <teks>         balas (reply) pesan 42, mis. menjawab permintaan informasi',
  '  :quit              keluar',
  'Contoh: /daftar · /disposisi DEMO-1001 DEMO-DIT-PENGADAAN · :as budi · :chat grup-pengadaan · /ambil DEMO-1001',
].join('\n');

export class ConsoleChat implements ConsoleSink {
  private readonly state: ConsoleState = { person: null, chatId: null, menus: new Map() };
  private readonly titles = new Map<string, string>();
  private rl?: Interface;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly opts: ConsoleOptions) {}

  print(block: string): void {
    this.opts.output.write(`${block}\n`);
  }

  rememberMenu(chatId: string, messageId: string): void {
    this.state.menus.set(chatId, messageId);
  }

  chatLabel(chatId: string): string {
    return this.titles.get(chatId) ?? chatId;
  }

  private prompt(): string {
    return `\n[${this.state.person?.name ?? '?'} @ ${this.state.chatId ? this.chatLabel(this.state.chatId) : '?'}] > `;
  }

  async start(): Promise<void> {
    await this.loadTitles();
    const admin = await this.opts.services.db.person.findFirst({ where: { roles: { some: { role: 'admin_instansi', state: 'APPROVED' } } }, orderBy: { createdAt: 'asc' } });
    if (admin) this.state.person = { id: admin.id, name: admin.name };
    const adminChat = await this.opts.services.db.chat.findFirst({ where: { platform: 'console', unitId: null }, orderBy: { createdAt: 'asc' } });
    if (adminChat) this.state.chatId = adminChat.externalId;
    this.print(HELP);
    this.rl = createInterface({ input: this.opts.input, output: this.opts.output, terminal: false });
    this.opts.output.write(this.prompt());
    // Lines are handled one after another: `:as`, `:chat` and a command pasted together must
    // apply in order (readline emits buffered lines even while paused).
    this.rl.on('line', (line) => {
      this.queue = this.queue
        .then(() => this.onLine(line))
        .catch((err: unknown) => this.print(`(kesalahan konsol: ${(err as Error).message})`))
        .then(() => {
          this.opts.output.write(this.prompt());
        });
    });
    this.rl.on('close', () => void this.queue.then(() => this.opts.onQuit()));
  }

  stop(): void {
    this.rl?.close();
  }

  private async loadTitles(): Promise<void> {
    const chats = await this.opts.services.db.chat.findMany({ where: { platform: 'console' } });
    for (const c of chats) this.titles.set(c.externalId, c.title ?? c.externalId);
    const people = await this.opts.services.db.person.findMany({ select: { id: true, name: true } });
    for (const p of people) this.titles.set(`dm:${p.id}`, `pesan pribadi untuk ${p.name}`);
  }

  /** Handle one typed line (public for tests). */
  async onLine(line: string): Promise<void> {
    const parsed = parseConsoleLine(line, this.state);
    if (parsed.kind === 'empty') return;
    if (parsed.kind === 'error') return this.print(parsed.text);
    if (parsed.kind === 'message') {
      await this.opts.core.handle(parsed.inbound);
      await this.opts.flush();
      return;
    }
    const db = this.opts.services.db;
    switch (parsed.name) {
      case 'help':
        return this.print(HELP);
      case 'quit':
        this.opts.onQuit();
        return;
      case 'people': {
        const people = await db.person.findMany({ include: { roles: { where: { state: 'APPROVED' }, include: { unit: true } } }, orderBy: { name: 'asc' } });
        return this.print(people.map((p) => `  ${p.name} — ${p.roles.map((r) => `${r.role}${r.unit ? ` ${r.unit.code}` : ''}`).join(', ') || 'tanpa peran'}`).join('\n'));
      }
      case 'chats': {
        const chats = await db.chat.findMany({ where: { platform: 'console' }, include: { unit: true }, orderBy: { createdAt: 'asc' } });
        return this.print(chats.map((c) => `  ${c.externalId} — ${c.title ?? ''}${c.unit ? ` (${c.unit.code})` : ' (Admin Instansi)'}`).join('\n'));
      }
      case 'as': {
        const q = parsed.arg.toLowerCase();
        const people = await db.person.findMany({ select: { id: true, name: true } });
        const p = people.find((x) => x.name.toLowerCase() === q) ?? people.find((x) => x.name.toLowerCase().startsWith(q));
        if (!p || !q) return this.print(`Tidak ada orang "${parsed.arg}". Lihat :people`);
        this.state.person = { id: p.id, name: p.name };
        this.titles.set(`dm:${p.id}`, `pesan pribadi untuk ${p.name}`);
        return this.print(`Sekarang Anda adalah ${p.name}.`);
      }
      case 'chat': {
        const q = parsed.arg.toLowerCase();
        const chats = await db.chat.findMany({ where: { platform: 'console' } });
        const c = chats.find((x) => x.externalId === q) ?? chats.find((x) => x.externalId.includes(q) || (x.title ?? '').toLowerCase().includes(q));
        if (!c || !q) return this.print(`Tidak ada grup "${parsed.arg}". Lihat :chats`);
        this.state.chatId = c.externalId;
        return this.print(`Sekarang di ${c.title ?? c.externalId}.`);
      }
    }
  }
}
