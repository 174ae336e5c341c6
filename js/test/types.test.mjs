// types.test.mjs — the package's TypeScript declarations (src/*.d.ts, named by the `types`
// conditions of package.json's `exports`):
//   - `tsc --noEmit` over a typed usage file per platform, each as its users would set it
//     up: Node (@types/node), a browser page (the DOM library), a Worker and its Durable
//     Objects (@cloudflare/workers-types, no DOM). Each imports the package by its name, so
//     the `exports` map and its `types` conditions are what resolve it; each also carries
//     `@ts-expect-error` misuses, which fail the check if the declarations accept them.
//   - the names each entry point exports at run time equal the declared ones (types/exports.ts).
// typescript and the type packages are pinned dev dependencies (scripts/bootstrap.sh).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { here } from './helpers.js';

const pkg = path.resolve(here, '..');
const tsc = path.join(pkg, 'node_modules/typescript/bin/tsc');

for (const platform of ['node', 'browser', 'workerd']) {
  test(`types: tsc --noEmit accepts the ${platform} usage and rejects its misuses`, { timeout: 120000 }, () => {
    assert.ok(fs.existsSync(tsc), `${tsc} is missing: run scripts/bootstrap.sh (typescript is a pinned dev dependency)`);
    try {
      execFileSync(process.execPath, [tsc, '-p', path.join(here, 'types', `tsconfig.${platform}.json`)], { cwd: pkg, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      assert.fail(`tsc reported errors for the ${platform} usage:\n${e.stdout}${e.stderr}`);
    }
  });
}

test('types: every entry point exports at run time exactly the names its declarations export', async () => {
  const declared = await import('./types/exports.ts');
  for (const [key, spec] of [['index', '@beamwasm/host'], ['node', '@beamwasm/host/node'], ['browser', '@beamwasm/host/browser'], ['workerd', '@beamwasm/host/workerd'], ['sqliteNode', '@beamwasm/host/sqlite-node'], ['etf', '@beamwasm/host/etf']]) {
    const actual = Object.keys(await import(spec)).sort();
    assert.deepEqual(actual, Object.keys(declared[key]).sort(), spec);
  }
  // durable.js imports cloudflare:workers, which Node lacks: its exports are read from its source.
  const { durable } = await import('./types/durable-exports.ts');
  const src = fs.readFileSync(path.join(pkg, 'src/durable.js'), 'utf8');
  const names = [...src.matchAll(/^export (?:async )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]);
  for (const m of src.matchAll(/^export \{([^}]*)\}/gm)) names.push(...m[1].split(',').map((n) => n.trim()).filter(Boolean));
  assert.deepEqual(names.sort(), Object.keys(durable).sort(), '@beamwasm/host/durable');
});

test('types: package.json names a declaration file for every entry point, and ships them', () => {
  const json = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  for (const [entry, target] of Object.entries(json.exports)) {
    assert.equal(typeof target, 'object', `${entry}: conditions, with types`);
    assert.deepEqual(Object.keys(target), ['types', 'default'], `${entry}: "types" comes first`);
    assert.ok(fs.existsSync(path.join(pkg, target.types)), `${entry}: ${target.types}`);
    assert.equal(target.types, target.default.replace(/\.js$/, '.d.ts'), `${entry}: the declarations sit beside the code`);
    assert.ok(json.files.some((f) => target.types.startsWith(`./${f}/`)), `${entry}: ${target.types} is in "files"`);
  }
});
