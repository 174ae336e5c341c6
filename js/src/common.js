// common.js — effects every JS platform provides the same way: clocks, timers, event-loop
// turns and randomness from the web platform's globals (present in Node, browsers and
// workerd). Adapters spread `webEffects()` and add output, environment, files and storage.
//
// workerd note: inside a request, `performance.now()` and `Date.now()` advance only when
// the Worker performs I/O (a Spectre mitigation), so a compute-only program sees a frozen
// clock there; timers still fire.

/** Clock, timer, yield and randomness effects built on standard globals. */
export function webEffects() {
  const origin = performance.now(); // the monotonic clock counts from the host's start, as wasmtime's does
  return {
    monotonicNs: () => BigInt(Math.round((performance.now() - origin) * 1e6)),
    systemNs: () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e3)) * 1000n,
    setTimer(ms, fn) {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
    yieldNow: yieldToEventLoop,
    randomFill: (bytes) => crypto.getRandomValues(bytes),
  };
}

/** One turn of the event loop, without the 4 ms clamp of nested `setTimeout(0)` in browsers. */
export function yieldToEventLoop() {
  if (typeof setImmediate === 'function') return new Promise((r) => setImmediate(r));
  if (typeof MessageChannel === 'function') {
    return new Promise((r) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        r();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

/** An environment effect over a plain object of strings. */
export function objectEnv(vars = {}) {
  const map = new Map(Object.entries(vars).map(([k, v]) => [k, String(v)]));
  return { get: (name) => map.get(name), list: () => [...map] };
}

/** A storage effect over an in-memory Map (keys and values are byte strings). */
export function memoryStorage() {
  const map = new Map();
  const key = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return {
    get: (k) => map.get(key(k))?.slice(),
    put: (k, v) => void map.set(key(k), v.slice()),
    delete: (k) => map.delete(key(k)),
    size: () => map.size,
  };
}
