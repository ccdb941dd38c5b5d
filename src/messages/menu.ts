/** Buttons as a numbered menu, for platforms without buttons (WhatsApp, the console). */
import type { Button } from '../lib/message.js';

/** "Balas 1 untuk Ambil, 2 untuk Respon awal, …" with the reply hint in Indonesian. */
export function numberedMenu(buttons: Button[][] | undefined, how = 'Balas pesan ini dengan angka'): string {
  const flat = buttons?.flat() ?? [];
  if (flat.length === 0) return '';
  return `${how}: ${flat.map((b, i) => `${i + 1} = ${b.label}`).join(' · ')}`;
}
