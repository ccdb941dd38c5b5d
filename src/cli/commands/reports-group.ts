import type { CliCommand } from '../types.js';
import { recapCommand } from './recap-cli.js';
import { exportCommand, groupListCommand, groupSetCommand, monthlyCommand, quarterlyCommand } from './report-files-cli.js';

/** CLI commands of this feature; registered in src/cli.ts. */
export const reportsCliCommands: CliCommand[] = [recapCommand, monthlyCommand, quarterlyCommand, exportCommand, groupSetCommand, groupListCommand];
