// host.js — the platform-neutral core: instantiate a beamwasm module and drive its scheduler.
//
// The scheduler lives in wasm. `bw_run()` runs processes until it must hand control back:
//   0 HALTED    the program halted; `bw_exit_code()` is its status
//   1 TIMER     every process waits, the earliest timer fires in `bw_wait_ms()` ms
//   2 WAITING   every process waits for a message with no timer (a deadlock for a plain
//               program; the normal idle state of a service, which waits for calls)
//   3 YIELDED   runnable processes remain; the module handed back so the host can let the
//               event loop run (proposed: a time slice, so a browser page stays responsive)
// The host never busy-waits: a timer wait is a platform timer, a yield is an event-loop turn.
//
// Platform adapters (node.js, browser.js, workerd.js) supply the effects; nothing here uses a
// platform API beyond WebAssembly, TextEncoder/TextDecoder and Promise.

import { buildImports } from './imports.js';
import { Output } from './output.js';
import { encodeText, stage, readText } from './staging.js';
import { encode, tuple } from './etf.js';

export const HALTED = 0;
export const TIMER = 1;
export const WAITING = 2;
export const YIELDED = 3;

/** An error of the host or of the program's execution (a trap), with the program's context. */
export class BeamwasmError extends Error {
  constructor(message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'BeamwasmError';
  }
}

/**
 * Compiles (when given bytes) and instantiates a beamwasm module.
 *
 * @param {BufferSource | WebAssembly.Module} wasm  the module, or its bytes
 * @param {object} options
 * @param {object} options.effects   the platform's effects (see ../README.md "Effects")
 * @param {string} [options.hostName] named in error messages ("node", "browser", "workerd")
 * @returns {Promise<Program>}
 */
export async function instantiate(wasm, options) {
  const module = wasm instanceof WebAssembly.Module ? wasm : await WebAssembly.compile(wasm);
  const { program, imports } = prepare(module, options);
  // Asynchronous instantiation: browsers refuse `new WebAssembly.Instance` on the main thread
  // for modules over 8 MB.
  return ready(program, await WebAssembly.instantiate(module, imports));
}

/**
 * The synchronous form of `instantiate`, for an already compiled module (workerd's Durable
 * Object constructors, Node). Not for a browser's main thread when the module is over 8 MB.
 */
export function instantiateModule(module, options) {
  const { program, imports } = prepare(module, options);
  return ready(program, new WebAssembly.Instance(module, imports));
}

function prepare(module, { effects, hostName = 'JS' }) {
  for (const need of ['write', 'monotonicNs', 'systemNs', 'setTimer', 'yieldNow']) {
    if (typeof effects?.[need] !== 'function') throw new TypeError(`beamwasm host: effects.${need} is required`);
  }
  const program = new Program(effects, hostName);
  const imports = buildImports(module, {
    effects,
    hostName,
    program,
    output: program.output,
    instance: () => program.instance,
    onReply: (id, status, bytes) => program._reply(id, status, bytes),
  });
  return { program, imports };
}

function ready(program, instance) {
  program.instance = instance;
  for (const need of ['memory', 'bw_start', 'bw_run', 'bw_exit_code', 'bw_wait_ms']) {
    if (!(need in instance.exports)) throw new BeamwasmError(`the module does not export ${need}: is it a beamwasm program?`);
  }
  return program;
}

/** One instance of a program. */
/**
 * The entries a compiled `WebAssembly.Module` holds, from its `beamwasm.entries` section, in
 * the order `start`'s `entry` index counts them: `[{ module, function, arity }]` (docs/ABI.md,
 * *Entries*); empty when the module has no such section.
 */
export function moduleEntries(module) {
  const sections = WebAssembly.Module.customSections(module, 'beamwasm.entries');
  if (sections.length === 0) return [];
  const text = new TextDecoder().decode(sections[0]);
  return text.split('\n').filter((l) => l !== '').map((line) => {
    const [m, f, a] = line.split('\t');
    return { module: m, function: f, arity: Number(a) };
  });
}

export class Program {
  constructor(effects, hostName) {
    this.effects = effects;
    this.hostName = hostName;
    this.output = new Output((fd, bytes) => effects.write(fd, bytes));
    this.instance = null;
    this.started = false;
    this.halted = false;
    this.exitCode = null;
    this.pending = new Map(); // call id -> { resolve, reject, name }
    this.state = null; // what bw_run last returned
    this.wakers = new Set(); // { done, wake }: each ends one drive's sleep early
    this.drives = 0; // drives in progress
    this.outstanding = 0; // asynchronous host operations whose answer will wake a process
    this.outbox = []; // [pid, message] posted by host effects while the scheduler ran
    this.running = false; // inside bw_run
    this.failure = null; // the error that ended the program (a trap, a host failure)
  }

  get exports() {
    return this.instance.exports;
  }

  /**
   * Writes the arguments (NUL-terminated UTF-8) to the staging area and calls `bw_start`.
   * `entry` chooses which of the module's entries runs (docs/ABI.md, *Entries*): its index
   * in the module's `beamwasm.entries` section (`entryIndex`), 0 for the first.
   */
  start(args = [], { entry = 0 } = {}) {
    if (this.started) throw new BeamwasmError('the program was already started');
    if (entry !== 0) {
      if (typeof this.exports.bw_entry !== 'function') throw new BeamwasmError('the module has one entry (no bw_entry export)');
      if (this.exports.bw_entry(entry) !== 0) throw new BeamwasmError(`the module has no entry ${entry}`);
    }
    this.started = true;
    const bytes = args.map((a) => {
      const s = String(a);
      if (s.includes('\0')) throw new BeamwasmError(`a program argument contains NUL: ${JSON.stringify(s)}`);
      return encodeText(s + '\0');
    });
    const [ptr] = stage(this.exports.memory, [concatBytes(bytes)]);
    this.guard(() => this.exports.bw_start(ptr, bytes.length));
  }

  /**
   * Starts the program and runs it to the end.
   * @returns {Promise<{status: 'halted', exitCode: number} | {status: 'deadlock'}>}
   */
  async run(args = [], options = {}) {
    this.start(args, options);
    const state = await this.settle();
    return state === HALTED ? { status: 'halted', exitCode: this.exitCode } : { status: 'deadlock' };
  }

  /**
   * Runs the scheduler until the program halts (HALTED) or every process waits for a
   * message with no timer pending and no host operation outstanding (WAITING): the end of
   * a plain program. Sleeps through timer waits and yields on time slices. A program with a
   * recurring timer never settles; a service waits for `idle()` instead.
   */
  settle() {
    return this._drive((r) => r === HALTED || (r === WAITING && this.outstanding === 0));
  }

  /**
   * Runs the scheduler until no process can run now: every process waits for a message or
   * a timer (TIMER or WAITING), or the program halted. What a service waits for after
   * `start`, e.g. in a Durable Object's `blockConcurrencyWhile`; timers keep firing later,
   * driven by the calls that wait for replies (and by `keepDriving`).
   */
  idle() {
    return this._drive((r) => r !== YIELDED);
  }

  /**
   * Keeps the scheduler running while timers are pending, with no call waiting: a
   * Durable Object whose processes use `Process.send_after` ticks between requests. Stops
   * when every process waits with no timer, and starts again with the next call or message.
   */
  keepDriving(on = true) {
    this.background = on;
    if (on && this.started && !this.halted && this.drives === 0) this._background();
    if (!on) this._wakeFinished();
  }

  _background() {
    if (!this.background || this.drives > 0 || this.halted || this.failure) return;
    this._drive((r) => !this.background || r === HALTED || r === WAITING).catch(() => {});
  }

  /**
   * Makes sleeping drives run the scheduler again: after a message was delivered from
   * outside, or an asynchronous host operation answered.
   */
  wakeUp() {
    for (const w of [...this.wakers]) w.wake();
    if (this.drives === 0 && this.started && !this.halted && !this.failure) this._drive((r) => r !== YIELDED).catch(() => {});
  }

  /** Ends the sleep of each drive that has what it waited for (a call's reply came). */
  _wakeFinished() {
    for (const w of [...this.wakers]) if (w.done(this.state)) w.wake();
  }

  /**
   * One drive of the scheduler, in the caller's own context (workerd ties a promise to the
   * request that created it, so every waiter drives for itself rather than awaiting a drive
   * some other request started). Several drives may be in progress: each calls `bw_run`
   * whenever it wakes, which runs whatever is runnable. Resolves with the state that
   * satisfied `done(state)`: HALTED always does; WAITING with nothing outstanding ends the
   * drive too (nothing could ever wake a process), after pending calls are rejected.
   */
  async _drive(done) {
    if (this.failure) throw this.failure;
    if (this.halted) return HALTED;
    if (!this.started) throw new BeamwasmError('start the program before running it');
    this.drives++;
    try {
      for (;;) {
        const r = this._step();
        if (done(r)) return r;
        switch (r) {
          case TIMER:
            await this._sleep(Number(this.exports.bw_wait_ms()), done);
            break;
          case WAITING:
            if (this.outstanding === 0) {
              this._failPending('every process is waiting and none replied');
              return r;
            }
            await this._sleep(-1, done); // until a host operation answers
            break;
          case YIELDED:
            await this.effects.yieldNow();
            break;
        }
        if (this.failure) throw this.failure;
        // Another drive may have run the scheduler meanwhile and brought what this one waits for.
        if (this.state !== YIELDED && done(this.state)) return this.state;
      }
    } finally {
      this.drives--;
      if (this.drives === 0 && this.state === TIMER) this._background();
    }
  }

  /**
   * `bw_run`, then the messages host effects posted meanwhile are delivered and it runs
   * again, until none are left. Effects may not call into the module while it runs.
   */
  _run() {
    const once = () => {
      this.running = true;
      try {
        return this.guard(() => this.exports.bw_run());
      } finally {
        this.running = false;
      }
    };
    let r = once();
    while (r !== HALTED && this.outbox.length > 0) {
      for (const [pid, message] of this.outbox.splice(0)) this._deliverTerm(pid, message);
      r = once();
    }
    return r;
  }

  /**
   * Sends `message` (a JS value, encoded as a term) to the process `pid` (a pid term the
   * program gave the host, as decoded). From inside an effect the message waits until the
   * scheduler returns; otherwise it is delivered now and the drives wake.
   */
  post(pid, message) {
    if (this.running) {
      this.outbox.push([pid, message]);
      return;
    }
    if (this.halted || this.failure) return;
    this._deliverTerm(pid, message);
    this.wakeUp();
  }

  _deliverTerm(pid, message) {
    const bytes = encode(tuple(pid, message));
    const [ptr] = stage(this.exports.memory, [bytes]);
    this.guard(() => this.exports.bw_deliver(ptr, bytes.length)); // noproc: the process has gone
    this._delivered();
  }

  /**
   * A message came from outside: what bw_run last said (every process waits) may be stale,
   * so a drive woken now runs the scheduler before it decides anything from the state (an
   * effect that posts its last message and then releases its hold would otherwise look
   * like a deadlock).
   */
  _delivered() {
    if (this.state === WAITING || this.state === TIMER) this.state = YIELDED;
  }

  /** One scheduler run (and what the effects' `afterRun` hooks add), with what it means. */
  _step() {
    let r = this._run();
    // A hook that ran the scheduler again may have left work for a hook (a transaction
    // begun after another ended): until none has any.
    for (let more = true; more && r !== HALTED; ) {
      more = false;
      for (const hook of this.effects.afterRun ?? []) {
        const again = hook(this, r);
        if (again !== undefined) {
          r = again;
          more = true;
        }
      }
    }
    this.state = r;
    switch (r) {
      case HALTED:
        if (!this.halted) {
          this.halted = true;
          this.exitCode = this.exports.bw_exit_code();
          this.output.flush();
          this._failPending(`the program halted (exit status ${this.exitCode})`);
        }
        return r;
      case TIMER:
      case WAITING:
        this.output.flush();
        return r;
      case YIELDED:
        return r;
      default: {
        const e = new BeamwasmError(`bw_run returned ${r}; the host knows 0 (halted), 1 (timer), 2 (waiting) and 3 (yielded)`);
        this._fail(e);
        throw e;
      }
    }
  }

  /**
   * Sleeps `ms` (at most 2^31 - 1 per timer; until woken when negative), or less when
   * woken: by `wakeUp`, or by `_wakeFinished` once `done` holds.
   */
  _sleep(ms, done) {
    return new Promise((resolve) => {
      let cancel = () => {};
      const w = {
        done,
        wake: () => {
          this.wakers.delete(w);
          cancel();
          resolve();
        },
      };
      if (ms >= 0) cancel = this.effects.setTimer(Math.min(ms, 0x7fffffff), w.wake);
      this.wakers.add(w);
    });
  }

  _fail(e) {
    if (!this.failure) this.failure = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    for (const w of [...this.wakers]) w.wake();
  }

  /** Calls into the module; a trap becomes a BeamwasmError after standard output is flushed. */
  guard(f) {
    try {
      return f();
    } catch (e) {
      this.output.flush();
      let err = e;
      if (e instanceof WebAssembly.RuntimeError) err = new BeamwasmError(`internal error, the module trapped: ${e.message}${wasmBacktrace(e)}`, e);
      else if (e instanceof WebAssembly.Exception) err = new BeamwasmError("an exception escaped the program's scheduler", e);
      this._fail(err);
      throw err;
    }
  }

  // --- services: messages and calls to registered processes --------------------------------

  /**
   * Delivers a message to a process: `bytes` is `{Pid, Message}` in the external term
   * format (an asynchronous host operation answering the process that asked; see
   * beamwasm_host:async/2). Returns false when the process has exited. Wakes the drives.
   */
  deliver(bytes) {
    if (this.failure) throw this.failure;
    if (this.halted) return false;
    const [ptr] = stage(this.exports.memory, [bytes]);
    const r = this.guard(() => this.exports.bw_deliver(ptr, bytes.length));
    if (r < 0) {
      const why = this._errorName(r);
      if (why === 'noproc') return false;
      throw new BeamwasmError(`bw_deliver failed: ${why}`);
    }
    this._delivered();
    this.wakeUp();
    return true;
  }

  /**
   * Marks an asynchronous host operation in flight until the returned function is called:
   * meanwhile a program whose processes all wait is not deadlocked (the operation's answer
   * will wake one), so drives sleep instead of rejecting pending calls.
   */
  hold() {
    this.outstanding++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.outstanding--;
      this.wakeUp();
    };
  }

  /**
   * Sends `message` (external term format bytes) to the process registered as `name` and
   * lets the scheduler run. Resolves once no process can run (`idle()`).
   */
  send(name, message) {
    this._requireService('bw_send');
    const r = this._staged(name, message, (np, nl, mp, ml) => this.exports.bw_send(np, nl, mp, ml));
    if (r < 0) throw new BeamwasmError(`bw_send to ${name} failed: ${this._errorName(r)}`);
    return this.idle();
  }

  /**
   * `gen_server:call(Name, Request)`: the module delivers `request` (ETF bytes) as
   * `{'$gen_call', {HostPid, Tag}, Request}`; the reply reaches the host through `bw.reply`.
   * @returns {Promise<Uint8Array>} the reply, as ETF bytes
   */
  call(name, request) {
    this._requireService('bw_call');
    const id = this._staged(name, request, (np, nl, mp, ml) => this.exports.bw_call(np, nl, mp, ml));
    if (id < 0) throw new BeamwasmError(`bw_call to ${name} failed: ${this._errorName(id)}`);
    if (id === 0 || this.pending.has(id)) throw new BeamwasmError(`bw_call returned call id ${id}; ids are positive and unique among pending calls`);
    const reply = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, name }));
    // This call's own drive runs the scheduler until the reply comes; a failure reaches
    // the caller through `reply`.
    this._drive((r) => r === HALTED || !this.pending.has(id)).catch(() => {});
    return reply;
  }

  _reply(id, status, bytes) {
    const p = this.pending.get(id);
    if (!p) throw new BeamwasmError(`bw.reply for call ${id}, which is not pending`);
    this.pending.delete(id);
    queueMicrotask(() => this._wakeFinished());
    if (status === 0) return p.resolve(bytes);
    if (status === 2) {
      // The reply (or exit reason) holds a term the runtime cannot encode yet; `bytes`
      // says which: the atom `reply` or `exit`.
      return p.reject(new BeamwasmError(`call to ${p.name}: the ${etfAtomName(bytes)} could not be encoded (term_to_binary)`));
    }
    const err = new BeamwasmError(`call to ${p.name}: the process exited before replying`);
    err.exitReason = bytes; // ETF bytes of the exit reason
    p.reject(err);
  }

  _failPending(why) {
    for (const p of this.pending.values()) p.reject(new BeamwasmError(`call to ${p.name}: no reply: ${why}`));
    this.pending.clear();
  }

  _staged(name, payload, f) {
    // A program started but never run has not registered its services yet: run it until
    // no process can run (synchronously: workerd's Workers keep no promise across requests).
    if (this.state === null) this._step();

    const nameBytes = encodeText(name);
    const [np, mp] = stage(this.exports.memory, [nameBytes, payload]);
    return this.guard(() => f(np, nameBytes.length, mp, payload.length));
  }

  _errorName(r) {
    return readText(this.exports.memory, 0, -r);
  }

  _requireService(name) {
    if (this.failure) throw this.failure;
    if (typeof this.exports[name] !== 'function') throw new BeamwasmError(`the module does not export ${name}; it was not built as a service`);
    if (!this.started) throw new BeamwasmError('start the program before calling it');
    if (this.halted) throw new BeamwasmError(`the program has halted (exit status ${this.exitCode})`);
  }
}

/**
 * The wasm functions on a trap's stack, innermost first, as the embedded host prints them:
 * `\n    at NAME (#INDEX)` for at most 24 frames.
 */
export function wasmBacktrace(error) {
  const frames = [];
  for (const line of String(error.stack ?? '').split('\n')) {
    // `at beamwasm.NAME (wasm://wasm/ID:wasm-function[N]:0xOFF)`, or without a name section
    // `at wasm://wasm/ID:wasm-function[N]:0xOFF`
    const m = line.match(/^\s*at (?:(.*?) \()?wasm:\/\/wasm\/[^:]*:wasm-function\[(\d+)\]/);
    if (m) frames.push(`\n    at ${m[1] === undefined ? '?' : m[1].replace(/^[^.]*\./, '')} (#${m[2]})`);
    if (frames.length === 24) break;
  }
  return frames.join('');
}

function concatBytes(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The name of an atom in the external term format (`reply`, `exit`), or `term`. */
function etfAtomName(bytes) {
  // 131, then SMALL_ATOM_UTF8_EXT (119) or SMALL_ATOM_EXT (115) with a 1-byte length, or
  // ATOM_UTF8_EXT (118) or ATOM_EXT (100) with a 2-byte length.
  if (bytes[0] !== 131) return 'term';
  const tag = bytes[1];
  if (tag === 119 || tag === 115) return new TextDecoder().decode(bytes.subarray(3, 3 + bytes[2]));
  if (tag === 118 || tag === 100) return new TextDecoder().decode(bytes.subarray(4, 4 + ((bytes[2] << 8) | bytes[3])));
  return 'term';
}
