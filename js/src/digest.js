// digest.js — the digest effect (`crypto_hash`, `crypto_hmac`) over `node:crypto`, which
// Node has and workerd provides too (at the examples' compatibility date, without flags).
// Browsers have only the asynchronous WebCrypto, which a synchronous import cannot use, so
// there digests stay unwired.
//
// The effect: { hash(name, bytes), hmac(name, key, bytes), has(name) }, names as
// `createHash` takes them. `has` says which the platform implements: workerd's BoringSSL
// lacks SHA-3 and BLAKE2, which then answer `notsup` rather than end the run.

import { createHash, createHmac } from 'node:crypto';

/** The digest effect of this platform's `node:crypto`. */
export function nodeDigest() {
  const known = new Map();
  const has = (name) => {
    if (!known.has(name)) {
      let ok = true;
      try {
        createHash(name);
      } catch {
        ok = false;
      }
      known.set(name, ok);
    }
    return known.get(name);
  };
  return {
    has,
    hash: (name, bytes) => new Uint8Array(createHash(name).update(bytes).digest()),
    hmac: (name, key, bytes) => new Uint8Array(createHmac(name, key).update(bytes).digest()),
  };
}
