// imports.d.ts — types of the parts of imports.js a host's user sees.

import type { Effects } from './host.js';

/** Thrown when a module without `bw_unwired` reaches an effect this host has not wired. */
export class UnwiredEffectError extends Error {
  constructor(name: string, hostName: string);
  /** The import's name, e.g. `file_read`. */
  readonly effect: string;
}

/** The names of the `bw` imports that `effects` wires, sorted. */
export function wiredNames(effects: Partial<Effects>): string[];
