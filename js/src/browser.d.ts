// browser.d.ts — types of browser.js, the browser adapter (`@beamwasm/host/browser`).

import type { Effects, Program, StorageEffect } from './host.js';

export interface BrowserOptions {
  /** Standard output, as text (default: console.log). */
  onStdout?: (text: string) => void;
  /** Standard error, as text (default: console.error). */
  onStderr?: (text: string) => void;
  /** The environment. */
  env?: Record<string, string | number | boolean>;
  /** The seed of the in-memory file system: path to text or bytes. */
  files?: Record<string, string | Uint8Array>;
  storage?: StorageEffect;
  /** The hosts Beamwasm.Fetch may reach ('HOST' / 'HOST:PORT'); null: every host the page may fetch. */
  allowNet?: readonly string[] | null;
}

/** Browser effects: output to callbacks, files in memory, HTTP streaming. */
export function browserEffects(options?: BrowserOptions): Effects;

/**
 * Compiles and instantiates a module: `source` is a Response (or a promise of one, from
 * `fetch`), bytes, or a compiled module.
 */
export function instantiateBrowser(
  source: Response | PromiseLike<Response> | BufferSource | WebAssembly.Module | PromiseLike<BufferSource | WebAssembly.Module>,
  options?: BrowserOptions,
): Promise<Program>;
