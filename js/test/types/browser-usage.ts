// browser-usage.ts — the package as a browser page types it (tsconfig.browser.json: the DOM
// library, no Node types). Checked by `tsc --noEmit`, never run.

import { instantiateBrowser, browserEffects } from '@beamwasm/host/browser';
import { instantiate, memoryFs, textSink, webEffects, objectEnv, type Effects } from '@beamwasm/host';

export async function page(out: HTMLElement): Promise<void> {
  const program = await instantiateBrowser(fetch('app.wasm'), { onStdout: (t) => out.append(t), env: { LANG: 'en' }, files: { '/data/a.txt': 'text' } });
  const r = await program.run(['arg']);
  out.textContent = r.status;
  const module = await WebAssembly.compileStreaming(fetch('app.wasm'));
  await instantiateBrowser(module, {});
  // @ts-expect-error onStdout gets text
  await instantiateBrowser(module, { onStdout: (t: Uint8Array) => t });
}

export async function custom(bytes: ArrayBuffer): Promise<void> {
  const effects: Effects = {
    ...webEffects(),
    write: textSink((fd, text) => (fd === 1 ? console.log(text) : console.error(text))),
    env: objectEnv({ N: 1 }),
    fs: memoryFs({ '/a': new Uint8Array([1]) }),
    host: { ...browserEffects().host, ping: () => 'pong' },
  };
  await instantiate(bytes, { effects, hostName: 'browser' });
  // @ts-expect-error write, the clocks, setTimer and yieldNow are required
  await instantiate(bytes, { effects: { write: () => {} } });
}
