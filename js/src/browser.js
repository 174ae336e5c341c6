// browser.js — the browser adapter: output goes to callbacks, files to an in-memory file
// system, the environment is an object you pass. Nothing here blocks the page: timer waits
// are `setTimeout`s and time slices yield to the event loop.
//
//   import { instantiateBrowser } from './js/src/browser.js';
//   const program = await instantiateBrowser(fetch('app.wasm'), { onStdout: (t) => el.append(t) });
//   await program.run(['arg']);

import { instantiate } from './host.js';
import { webEffects, objectEnv } from './common.js';
import { textSink } from './output.js';
import { memoryFs } from './memfs.js';
import { httpEffects, fetchEffects } from './http.js';

/**
 * Browser effects. Options: `onStdout(text)`, `onStderr(text)` (default: console),
 * `env` (an object of strings), `files` (seed of the in-memory file system), `storage`,
 * `allowNet` (the hosts Beamwasm.Fetch may reach; default every host the page may fetch).
 */
export function browserEffects({ onStdout, onStderr, env = {}, files = {}, storage, allowNet = null } = {}) {
  const out = onStdout ?? ((t) => console.log(t));
  const err = onStderr ?? ((t) => console.error(t));
  return {
    ...webEffects(),
    write: textSink((fd, text) => (fd === 1 ? out(text) : err(text))),
    env: objectEnv(env),
    fs: memoryFs(files),
    ...(storage ? { storage } : {}),
    host: { ...httpEffects(), ...fetchEffects({ allow: allowNet }) },
  };
}

/**
 * Compiles and instantiates a module: `source` is a `Response` (or a promise of one, from
 * `fetch`), bytes, or a compiled `WebAssembly.Module`.
 */
export async function instantiateBrowser(source, options = {}) {
  let wasm = await source;
  if (typeof Response === 'function' && wasm instanceof Response) {
    if (!wasm.ok) throw new Error(`fetching the program failed: ${wasm.status} ${wasm.statusText}`);
    wasm = await WebAssembly.compileStreaming(wasm);
  }
  return instantiate(wasm, { effects: browserEffects(options), hostName: 'browser' });
}
