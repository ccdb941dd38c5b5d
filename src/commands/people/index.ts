import type { Command } from '../define.js';

/** Onboarding, directory and handover commands. */
export const peopleCommands: Command[] = [];
