/** Inputs and invariants of the fuzz and injection tests. */
import fc from 'fast-check';
import type { CommandRegistry } from '../../src/commands/registry.js';
import type { TestDb } from '../helpers/test-db.js';

/** Injection attempts and awkward text, used as arguments of every command. */
export const NASTY: readonly string[] = [
  "'; DROP TABLE report;--", "1' OR '1'='1", '" OR ""="', "2000001'); DELETE FROM report_event; --", 'x\'; UPDATE report SET status=\'SELESAI\';--',
  '$1', '$$ LANGUAGE plpgsql', '%s%s%n', '{{7*7}}', '${7*7}', '$(rm -rf /)', '`id`', '../../etc/passwd', '<script>alert(1)</script>',
  '\u202Egnp.exe', '\u200B\u200D\uFEFF', '🙂🇮🇩👨‍👩‍👧', 'Ω≈ç√∫˜µ≤', 'ǅǈǋ', 'टेस्ट', '\\', '\\\\x00', '\\u0000', 'NULL', 'null', 'undefined', '-1', '0', '1e309',
  '9'.repeat(400), '#'.repeat(50), '--selesai --selesai', 'BKN-TIDAK-ADA', 'bkn-tidak-ada', '@penghubung_test_bot', '\t\t', '  \n  ',
];

/** The chat core's command pattern (src/chat/core.ts); a match gets a reply unless it names another bot. */
const COMMAND = /^[/!]([A-Za-z][\w-]{0,40})(?:@(\w+))?(?:\s+([\s\S]*))?$/;

export function commandish(text: string, botUsername: string): boolean {
  const m = COMMAND.exec(text.trim());
  return m !== null && (!m[2] || m[2].toLowerCase() === botUsername.toLowerCase());
}

/** Every command name and alias with every nasty argument, plus the famous one. */
export function adversarialFor(registry: CommandRegistry): string[] {
  const out = ["/ambil '; DROP TABLE report;--", '/status 1 OR 1=1', `/${'a'.repeat(41)}`, `/status ${'x'.repeat(100_000)}`, '/', '!', '/ ', '/@', '/ambil@', '/ambil@other_bot 3000001'];
  // Each command with a rotating quarter of the nasty values (all of them across commands), aliases once.
  registry.commands.forEach((c, k) => {
    NASTY.forEach((x, i) => {
      if ((i + k) % 4 === 0) out.push(`/${c.name} ${x}`, `!${c.name} 3000099 ${x}`);
    });
    for (const a of c.aliases) out.push(`/${a} ${NASTY[k % NASTY.length]}`);
  });
  return out;
}

/** Random command lines: a known or random name, maybe an @mention, random and nasty arguments. */
export function fuzzInput(registry: CommandRegistry): fc.Arbitrary<string> {
  const names = registry.commands.flatMap((c) => [c.name, ...c.aliases]);
  const token = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(...NASTY),
    fc.integer().map(String),
    fc.constantFrom('#3000099', '3000099', '--selesai', 'BKN-TIDAK-ADA', '1234567'),
  );
  const line = fc
    .tuple(
      fc.constantFrom('/', '!', '/', '/', ' /', ''),
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ maxLength: 45 }) }),
      fc.constantFrom('', '', '', '@penghubung_test_bot', '@other_bot', '@'),
      fc.array(token, { maxLength: 6 }),
      fc.constantFrom(' ', ' ', '\n', '   '),
    )
    .map(([p, n, at, args, sep]) => `${p}${n}${at}${args.length ? ' ' : ''}${args.join(sep)}`);
  return fc.oneof(
    { weight: 8, arbitrary: line },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((n) => `/${n} ${'x'.repeat(20_000)}`) },
  );
}

/**
 * Reports, their history, granted roles and chat bindings: what invalid input must never change.
 * (A join request — `/gabung` in a unit's group needs no argument — is valid input and only adds
 * a PENDING role, which needs an admin's approval; it is left out.)
 */
export async function stateDigest(db: TestDb): Promise<Record<string, unknown>> {
  const reports = await db.prisma.report.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, version: true, claimedById: true, unitId: true, updatedAt: true } });
  return {
    reports,
    events: await db.prisma.reportEvent.count(),
    roles: await db.prisma.roleAssignment.findMany({ where: { state: { not: 'PENDING' } }, orderBy: { id: 'asc' }, select: { id: true, state: true, role: true, unitId: true, personId: true } }),
    chats: await db.prisma.chat.findMany({ orderBy: { id: 'asc' }, select: { id: true, unitId: true, healthy: true } }),
  };
}
