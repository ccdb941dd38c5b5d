/**
 * The command table: lookup by name or alias, the /bantuan text per role, and Telegram's
 * command menu. Everything people can type is listed here, so help never drifts from code.
 */
import type { Role } from '../domain/types.js';
import { ROLE_LABEL } from '../domain/labels.js';
import type { Command } from './define.js';

export class CommandRegistry {
  private readonly byName = new Map<string, Command>();

  constructor(readonly commands: readonly Command[]) {
    for (const c of commands) {
      for (const n of [c.name, ...c.aliases]) {
        const key = n.toLowerCase();
        if (this.byName.has(key)) throw new Error(`command name /${n} is used twice`);
        this.byName.set(key, c);
      }
    }
  }

  /** Find by name or alias, case-insensitive, `-`/`_` interchangeable (`/tanya-lagi` = `/tanya_lagi`). */
  find(name: string): Command | undefined {
    const key = name.toLowerCase();
    return this.byName.get(key) ?? this.byName.get(key.replace(/_/g, '-')) ?? this.byName.get(key.replace(/-/g, '_'));
  }

  /** Commands a person with these roles may run (registered members see member commands too). */
  visibleTo(roles: readonly Role[] | null): Command[] {
    return this.commands.filter((c) => {
      if (c.audience === 'anyone') return true;
      if (roles === null) return false;
      if (c.audience === 'member') return true;
      return c.audience.some((r) => roles.includes(r));
    });
  }

  /** The /bantuan text: what this person can do, with an example each. */
  helpText(roles: readonly Role[] | null, prefix = '/'): string {
    const lines: string[] = [];
    if (roles === null) {
      lines.push('Anda belum terdaftar. Perintah yang tersedia:');
    } else {
      lines.push(`Peran Anda: ${roles.length ? [...new Set(roles)].map((r) => ROLE_LABEL[r]).join(', ') : '—'}`, '');
    }
    for (const c of this.visibleTo(roles)) {
      const aliases = c.aliases.length ? ` (juga ${c.aliases.map((a) => `${prefix}${a}`).join(', ')})` : '';
      lines.push(`${c.usage.replace(/^\//, prefix)}${aliases}`, `   ${c.help}`);
      if (c.examples?.[0]) lines.push(`   Contoh: ${c.examples[0].replace(/^\//, prefix)}`);
    }
    if (roles !== null) lines.push('', `Tip: balas (reply) pesan laporan dari bot untuk memakai perintah tanpa menulis nomornya, mis. balas dengan ${prefix}status.`);
    return lines.join('\n');
  }

  /** Telegram's command menu for a role (names must be lowercase a-z, 0-9, _; ≤ 32 chars). */
  menu(roles: readonly Role[] | null): { command: string; description: string }[] {
    return this.visibleTo(roles)
      .filter((c) => c.menu !== false && /^[a-z0-9_]{1,32}$/.test(c.name))
      .map((c) => ({ command: c.name, description: c.help.slice(0, 256) }));
  }
}
