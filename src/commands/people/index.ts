import type { Command } from '../define.js';
import { join } from './gabung.js';
import { approve } from './setujui.js';
import { reject } from './tolak.js';
import { who } from './siapa.js';
import { handover } from './serahkan.js';
import { bind } from './ikat.js';

/** Onboarding, directory and handover commands. */
export const peopleCommands: Command[] = [join, approve, reject, who, handover, bind];
