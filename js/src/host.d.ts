// host.d.ts — types of host.js: instantiating a beamwasm module and driving its scheduler,
// and the effects a platform supplies (README.md, "The host interface").

import type { Output, OutputSink } from './output.js';
import type { Encodable, Opaque } from './etf.js';

/** What `bw_run` returned: the program halted. */
export const HALTED: 0;
/** Every process waits; the earliest timer fires in `bw_wait_ms()` ms. */
export const TIMER: 1;
/** Every process waits for a message, with no timer. */
export const WAITING: 2;
/** Runnable processes remain; the module handed back for an event-loop turn. */
export const YIELDED: 3;
export type SchedulerState = typeof HALTED | typeof TIMER | typeof WAITING | typeof YIELDED;

/** An error of the host or of the program's execution (a trap), with the program's context. */
export class BeamwasmError extends Error {
  constructor(message: string, cause?: unknown);
  /** For a call whose process exited before replying: the exit reason, as ETF bytes. */
  exitReason?: Uint8Array;
}

// --- effects ---------------------------------------------------------------------------------

/** The environment: `os:getenv/1` and `System.get_env/0`. */
export interface EnvEffect {
  get(name: string): string | undefined;
  list(): ReadonlyArray<readonly [string, string | undefined]>;
}

/** Key-value storage (`:beamwasm.storage_get/put/delete`): keys and values are byte strings. */
export interface StorageEffect {
  get(key: Uint8Array): Uint8Array | undefined;
  put(key: Uint8Array, value: Uint8Array): void;
  /** True if the key existed. */
  delete(key: Uint8Array): boolean;
}

/** Digests (`crypto:hash/2`, `crypto:mac/4`), names as Node's `createHash` takes them. */
export interface DigestEffect {
  hash(name: string, bytes: Uint8Array): Uint8Array;
  hmac(name: string, key: Uint8Array, bytes: Uint8Array): Uint8Array;
  /** Whether the platform implements `name`; an algorithm it denies answers `notsup`. */
  has?(name: string): boolean;
}

/** What `stat` reports of a file. */
export interface FileStat {
  type: 'regular' | 'directory' | 'symlink' | 'other';
  size: number | bigint;
  /** Modification time, ns since the Unix epoch. */
  mtimeNs: number | bigint;
  /** Permission bits. */
  mode: number;
}

/** How `open` opens a file (prim_file's modes). */
export interface OpenMode {
  read: boolean;
  write: boolean;
  append: boolean;
  exclusive: boolean;
}

/**
 * A file system. Errors are thrown with a POSIX `code` (`ENOENT`, ...), which becomes the
 * Erlang error atom (`enoent`); any other exception is a host failure. The open-file
 * operations (`open` to `setTimes`) are wired only when `open` is given, and then all are
 * needed. `H` is the platform's handle of an open file.
 */
export interface FileSystemEffect<H = unknown> {
  read(path: string): Uint8Array;
  write(path: string, bytes: Uint8Array, append: boolean): void;
  delete(path: string): void;
  mkdir(path: string): void;
  rmdir(path: string): void;
  /** Entry names, sorted. */
  list(path: string): string[];
  /** `follow`: of the file a symbolic link names, else of the link itself. */
  stat(path: string, follow: boolean): FileStat;
  cwd(): string;
  open?(path: string, mode: OpenMode): H;
  close?(handle: H): void;
  pread?(handle: H, at: number, length: number): Uint8Array;
  pwrite?(handle: H, at: number, bytes: Uint8Array): void;
  /** Appends; returns the file's new size. */
  append?(handle: H, bytes: Uint8Array): number;
  size?(handle: H): number;
  truncate?(handle: H, length: number): void;
  sync?(handle: H): void;
  fstat?(handle: H): FileStat;
  rename?(from: string, to: string): void;
  chdir?(path: string): void;
  link?(kind: 'symbolic' | 'hard', from: string, to: string): void;
  readlink?(path: string): string;
  chmod?(path: string, mode: number): void;
  /** Access and modification times, in seconds since the Unix epoch. */
  setTimes?(path: string, atime: number, mtime: number): void;
}

/**
 * One operation of the host channel (`beamwasm_host:call(Op, Args)`): `args` is the request's
 * term as decoded; the returned value is encoded as the reply term. An op that throws is a
 * host failure.
 */
export type HostOp = (args: any, program: Program) => Encodable;

/** The host channel's operations by name (HTTP streaming, SQL, Durable Objects, ...). */
export type HostOps = Record<string, HostOp>;

/**
 * Runs after each scheduler run with what it returned; may run the scheduler again and
 * return its new state (the SQL transactions of workerd), or return undefined.
 */
export type AfterRunHook = (program: Program, state: SchedulerState) => SchedulerState | undefined;

/**
 * A platform's effects. The first five are required; an effect left out is *unwired*: the
 * program gets the Erlang error `{unwired_host_effect, Name}` where it uses it.
 */
export interface Effects {
  /** Standard output (1, buffered by the host) and standard error (2). */
  write: OutputSink;
  monotonicNs(): bigint;
  /** Nanoseconds since the Unix epoch. */
  systemNs(): bigint;
  /** Calls `fn` after `ms` ms; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
  /** One turn of the event loop. */
  yieldNow(): Promise<void>;
  /** Fills `bytes` with cryptographically random bytes (at most 65,536 per call). */
  randomFill?(bytes: Uint8Array): unknown;
  digest?: DigestEffect;
  env?: EnvEffect;
  fs?: FileSystemEffect<any>;
  storage?: StorageEffect;
  host?: HostOps;
  afterRun?: readonly AfterRunHook[];
}

export interface InstantiateOptions {
  effects: Effects;
  /** Named in error messages ("node", "browser", "workerd"). */
  hostName?: string;
}

// --- programs --------------------------------------------------------------------------------

/** How a program run to its end ended. */
export type RunResult = { status: 'halted'; exitCode: number } | { status: 'deadlock' };

export interface StartOptions {
  /** Which of the module's entries runs: its index in `moduleEntries(module)`; 0, the first. */
  entry?: number;
}

/** An entry of a module (its `beamwasm.entries` section). */
export interface ModuleEntry {
  module: string;
  function: string;
  arity: number;
}

/** Compiles (when given bytes) and instantiates a beamwasm module. */
export function instantiate(wasm: BufferSource | WebAssembly.Module, options: InstantiateOptions): Promise<Program>;

/** The synchronous form, for a compiled module (workerd, Node; not a browser's main thread for modules over 8 MB). */
export function instantiateModule(module: WebAssembly.Module, options: InstantiateOptions): Program;

/** The entries a compiled module holds, in the order `StartOptions.entry` counts them. */
export function moduleEntries(module: WebAssembly.Module): ModuleEntry[];

/** The wasm frames of a trap's stack, as the embedded host prints them. */
export function wasmBacktrace(error: unknown): string;

/** One instance of a program. Create it with `instantiate` or a platform's adapter. */
export class Program {
  constructor(effects: Effects, hostName: string);
  readonly effects: Effects;
  readonly hostName: string;
  readonly output: Output;
  readonly instance: WebAssembly.Instance | null;
  /** The instance's exports (after instantiation). */
  readonly exports: WebAssembly.Exports;
  readonly started: boolean;
  readonly halted: boolean;
  /** The exit status, once halted. */
  readonly exitCode: number | null;
  /** What `bw_run` last returned (null before the first run). */
  readonly state: SchedulerState | null;
  /** The error that ended the program (a trap, a host failure), or null. */
  readonly failure: Error | null;

  /** Stages the arguments and calls `bw_start`; runs nothing yet. */
  start(args?: readonly string[], options?: StartOptions): void;
  /** Starts the program and runs it to its end. */
  run(args?: readonly string[], options?: StartOptions): Promise<RunResult>;
  /** Runs until the program halts, or every process waits with nothing that could wake it. */
  settle(): Promise<SchedulerState>;
  /** Runs until no process can run now (what a service waits for after `start`). */
  idle(): Promise<SchedulerState>;
  /** Keeps the scheduler running while timers are pending, with no call waiting. */
  keepDriving(on?: boolean): void;
  /** Makes sleeping drives run the scheduler again. */
  wakeUp(): void;
  /** Sends `message` to the process `pid` (a pid the program gave the host). */
  post(pid: Opaque, message: Encodable): void;
  /** Delivers ETF bytes of `{Pid, Message}`; false when the process has exited. */
  deliver(bytes: Uint8Array): boolean;
  /** Marks an asynchronous host operation in flight until the returned function is called. */
  hold(): () => void;
  /** Sends ETF bytes to the process registered as `name`; resolves once idle. */
  send(name: string, message: Uint8Array): Promise<SchedulerState>;
  /** `gen_server:call(name, request)` with ETF bytes; resolves to the reply's ETF bytes. */
  call(name: string, request: Uint8Array): Promise<Uint8Array>;
  /** Calls into the module; a trap becomes a BeamwasmError after standard output is flushed. */
  guard<T>(f: () => T): T;
}
