/** Is this error "the database cannot be reached" (as opposed to a bug or a refusal)? */
const CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
const MESSAGES = /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|Can't reach database|the database system is (starting up|shutting down)|Connection refused|timeout exceeded when trying to connect/i;

export function isUnavailable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && CODES.has(code)) return true;
  if (e.name === 'PrismaClientInitializationError') return true;
  return MESSAGES.test(e.message) || (e.cause instanceof Error && MESSAGES.test(e.cause.message));
}
