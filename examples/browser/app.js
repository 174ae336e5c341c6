// app.js — the browser example's page logic. The module is compiled once; every edit of the
// textarea runs a fresh instance of the program with the text as its argument and shows its
// stdout as HTML. Timer waits and time slices of the program yield to the event loop, so
// the page stays responsive while a program runs.

import { instantiateBrowser } from '../../js/src/browser.js';

const source = document.getElementById('source');
const output = document.getElementById('output');
const errors = document.getElementById('errors');
const status = document.getElementById('status');

let config, module, compileMs;
try {
  config = await (await fetch('build/app-config.json')).json();
  const t0 = performance.now();
  module = await WebAssembly.compileStreaming(fetch('build/app.wasm'));
  compileMs = performance.now() - t0;
} catch (e) {
  status.textContent = `cannot load the program: ${e.message}`;
  status.dataset.state = 'error';
  throw e;
}
let runs = 0;

async function render() {
  const run = ++runs;
  let html = '';
  let stderr = '';
  const t1 = performance.now();
  let t2 = t1;
  let result;
  try {
    const program = await instantiateBrowser(module, { onStdout: (t) => (html += t), onStderr: (t) => (stderr += t) });
    t2 = performance.now();
    result = await program.run([...config.argsPrefix, source.value]);
  } catch (e) {
    result = { status: 'failed', error: e.message };
  }
  if (run !== runs) return; // a newer edit has started its own run
  const t3 = performance.now();
  output.innerHTML = html;
  errors.hidden = stderr === '' && result.status === 'halted' && result.exitCode === 0;
  errors.textContent = stderr + (result.error ?? (result.status === 'halted' ? `exit status ${result.exitCode}` : result.status));
  status.textContent = `${config.program} program · compile ${compileMs.toFixed(1)} ms · instantiate ${(t2 - t1).toFixed(2)} ms · run ${(t3 - t2).toFixed(2)} ms · render #${run}`;
  status.dataset.state = 'done';
  status.dataset.run = String(run);
}

let pending = null;
source.addEventListener('input', () => {
  clearTimeout(pending);
  pending = setTimeout(render, 30);
});
source.value = config.sample;
render();
