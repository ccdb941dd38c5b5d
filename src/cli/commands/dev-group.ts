import type { CliCommand } from '../types.js';

/** CLI commands of this feature; registered in src/cli.ts. */
export const devCliCommands: CliCommand[] = [];
