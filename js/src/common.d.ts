// common.d.ts — types of common.js: the effects every JS platform provides the same way.

import type { Effects, EnvEffect, StorageEffect } from './host.js';

/** Clock, timer, yield and randomness effects built on standard globals. */
export function webEffects(): Pick<Effects, 'monotonicNs' | 'systemNs' | 'setTimer' | 'yieldNow'> & Required<Pick<Effects, 'randomFill'>>;

/** One turn of the event loop. */
export function yieldToEventLoop(): Promise<void>;

/** An environment effect over a plain object (values become strings). */
export function objectEnv(vars?: Record<string, string | number | boolean>): EnvEffect;

/** A storage effect over an in-memory Map. */
export function memoryStorage(): StorageEffect & { size(): number };
