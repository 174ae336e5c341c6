// index.d.ts — types of index.js, the platform-neutral entry point (`@beamwasm/host`).

export { instantiate, instantiateModule, moduleEntries, Program, BeamwasmError, HALTED, TIMER, WAITING, YIELDED } from './host.js';
export type {
  SchedulerState,
  Effects,
  EnvEffect,
  StorageEffect,
  DigestEffect,
  FileSystemEffect,
  FileStat,
  OpenMode,
  HostOp,
  HostOps,
  AfterRunHook,
  InstantiateOptions,
  RunResult,
  StartOptions,
  ModuleEntry,
} from './host.js';
export { UnwiredEffectError, wiredNames } from './imports.js';
export { webEffects, objectEnv, memoryStorage, yieldToEventLoop } from './common.js';
export { memoryFs } from './memfs.js';
export type { MemoryFileHandle } from './memfs.js';
export { textSink } from './output.js';
export type { OutputSink } from './output.js';
export { handleRequest, httpEffects, HTTP_SERVICE } from './http.js';
export type { HandleRequestOptions } from './http.js';
export { sqlEffects } from './sql.js';
export type { SqlBackend, SqlValue, SqlQueryResult } from './sql.js';
export * as etf from './etf.js';
