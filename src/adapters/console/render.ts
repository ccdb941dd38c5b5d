/** OutMessage → a framed text block for the terminal; buttons become a numbered menu. */
import type { OutMessage } from '../../lib/message.js';
import { numberedMenu } from '../../messages/menu.js';

export function renderConsole(header: string, message: OutMessage): string {
  const lines = [`┌─ ${header}`, ...message.text.split('\n').map((l) => `│ ${l}`)];
  const menu = numberedMenu(message.buttons, 'Ketik angka');
  if (menu) lines.push(`│ ▸ ${menu}`);
  if (message.document) lines.push(`│ 📎 ${message.document.filename}`);
  lines.push('└─');
  return lines.join('\n');
}
