// digest.d.ts — types of digest.js: digests over `node:crypto` (Node and workerd).

import type { DigestEffect } from './host.js';

/** The digest effect of this platform's `node:crypto`. */
export function nodeDigest(): Required<DigestEffect>;
