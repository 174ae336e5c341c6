// index.js — the platform-neutral entry point of the beamwasm JS host.
// Platform adapters: ./node.js (Node), ./browser.js (browsers), ./workerd.js (workerd),
// ./durable.js (Durable Objects); ./sqlite-node.js (Beamwasm.SQL on Node). Types: index.d.ts.

export { instantiate, instantiateModule, moduleEntries, Program, BeamwasmError, HALTED, TIMER, WAITING, YIELDED } from './host.js';
export { UnwiredEffectError, wiredNames } from './imports.js';
export { webEffects, objectEnv, memoryStorage, yieldToEventLoop } from './common.js';
export { memoryFs } from './memfs.js';
export { textSink } from './output.js';
export { handleRequest, httpEffects, HTTP_SERVICE } from './http.js';
export { sqlEffects } from './sql.js';
export * as etf from './etf.js';
