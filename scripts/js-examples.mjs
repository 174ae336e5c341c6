// js-examples.mjs — the body of scripts/js-examples.sh: builds the example programs and the
// outputs their tests expect. `node scripts/js-examples.mjs elixir|fixture`.
//
// elixir:  each example's .ex is compiled by `beamwasm build`; expected outputs come from
//          running the same source on the real VM (elixirc + elixir).
// fixture: every program is js/test/fixtures/host_probe.wat (same interface, stand-in
//          behaviour); expected outputs are the fixture's.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];
if (mode !== 'elixir' && mode !== 'fixture') throw new Error('usage: js-examples.mjs elixir|fixture');

const workerdBuild = path.join(root, 'examples/workerd/build');
const browserBuild = path.join(root, 'examples/browser/build');
fs.mkdirSync(workerdBuild, { recursive: true });
fs.mkdirSync(browserBuild, { recursive: true });

const markdownSample = '# Hello from *Elixir*\n\nThis page was rendered by **Markdown.render/1**, compiled to `wasm` & run in the browser.\n\n- headings\n- lists';
const typedSample = '## Typed *live*\n\n- a & b';
const helloCases = [['Ada', 'Grace'], ['wörld']];
const todoTitles = ['buy milk', 'ünïcode "quoted"\n\ttab 😀 \u0001', '<b>&amp;</b> \\ /'];
const badTodoBodies = ['{"title":', '{"title": ""}', '{"title": "x", "done": "yes"}', '[{"title": "a"}, {"title": 7}]', '{"title": "x", "color": "red"}', '"a string"', '[]', '{"title": "\\ud800"}', '{"title": "x"} 1'];
const chatMessages = [{ user: 'ada', text: 'hello, room 👋' }, { user: 'grace', text: 'line one\nline "two"' }];

if (mode === 'fixture') {
  const { fixture } = await import('../js/test/helpers.js');
  const wasm = await fixture('host_probe.wat');
  for (const f of ['hello', 'counter', 'todos', 'chat'].map((n) => path.join(workerdBuild, `${n}.wasm`)).concat(path.join(browserBuild, 'app.wasm'))) fs.writeFileSync(f, wasm);
  writeJson(path.join(workerdBuild, 'expected.json'), {
    program: 'fixture',
    hello: helloCases.map((args) => ({ args: ['args', ...args], stdout: args.map((a) => a + '\n').join('') })),
  });
  writeJson(path.join(workerdBuild, 'counter-args.json'), ['service']);
  writeJson(path.join(browserBuild, 'app-config.json'), { program: 'fixture', argsPrefix: ['args'], sample: markdownSample });
  writeJson(path.join(browserBuild, 'expected.json'), {
    program: 'fixture',
    html: markdownSample + '\n',
    typed: { text: typedSample, html: typedSample + '\n' },
  });
} else {
  const beamwasm = path.join(root, 'target/release/beamwasm');
  const build = (entry, src, out) => execFileSync(beamwasm, ['build', '--entry', entry, '-o', out, ...[src].flat()], { stdio: 'inherit' });
  build('Hello.main', 'examples/workerd/hello/hello.ex', path.join(workerdBuild, 'hello.wasm'));
  build('Counter.main', 'examples/workerd/counter/counter.ex', path.join(workerdBuild, 'counter.wasm'));
  build('Todos.main', ['examples/workerd/todos/todos.ex', 'examples/workerd/json.ex'], path.join(workerdBuild, 'todos.wasm'));
  build('Chat.main', ['examples/workerd/chat/chat.ex', 'examples/workerd/json.ex'], path.join(workerdBuild, 'chat.wasm'));
  build('Markdown.main', 'examples/browser/markdown.ex', path.join(browserBuild, 'app.wasm'));
  const vm = oracle(['examples/workerd/hello/hello.ex', 'examples/browser/markdown.ex', 'examples/workerd/todos/todos.ex', 'examples/workerd/chat/chat.ex', 'examples/workerd/json.ex']);
  writeJson(path.join(workerdBuild, 'expected.json'), {
    program: 'elixir',
    hello: helloCases.map((args) => ({ args, stdout: vm(`IO.write(Hello.text(${JSON.stringify(args)}))`, []) })),
    // The todos API: the JSON body of a todo as the VM encodes it (the test creates these
    // titles and reads them back), and what a POST of each bad body is answered.
    todos: {
      todos: todoTitles.map((title, i) => ({ title, body: vm(`IO.write(Example.JSON.encode!(Todos.json([${i + 1}, ${elixirString(title)}, 0])))`, []) })),
      badPosts: badTodoBodies.map((body) => {
        const [status, json] = vm(`{:error, s, m} = Todos.parse_new(${elixirString(body)}); IO.write("#{s} " <> Example.JSON.encode!(%{error: m}))`, []).split(/ (.*)/s);
        return { body, status: Number(status), json };
      }),
    },
    // The chat: a room's history as the VM encodes it.
    chat: {
      messages: chatMessages,
      history: vm(`IO.write(Example.JSON.encode!(Enum.map(Enum.with_index(${elixirList(chatMessages.map(({ user, text }) => `[${elixirString(user)}, ${elixirString(text)}]`))}, 1), fn {[u, t], i} -> Chat.message_json([i, u, t]) end)))`, []),
    },
  });
  writeJson(path.join(workerdBuild, 'counter-args.json'), []);
  writeJson(path.join(browserBuild, 'app-config.json'), { program: 'elixir', argsPrefix: [], sample: markdownSample });
  writeJson(path.join(browserBuild, 'expected.json'), {
    program: 'elixir',
    html: vm('Markdown.main()', [markdownSample]),
    typed: { text: typedSample, html: vm('Markdown.main()', [typedSample]) },
  });
}
console.error(`js-examples: built the examples (${mode})`);

/** An Elixir string literal of `s` (an escaped binary: any text, quotes and controls included). */
function elixirString(s) {
  return `<<${[...new TextEncoder().encode(s)].join(', ')}>>`;
}

function elixirList(items) {
  return `[${items.join(', ')}]`;
}

/** Compiles `sources` with elixirc and returns a runner of expressions on the real VM. */
function oracle(sources) {
  const ebin = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-examples-'));
  // beamwasm's library (Beamwasm.Conn, ...) on the code path: the sources import it.
  const lib = execFileSync(path.join(root, 'target/release/beamwasm'), ['lib'], { encoding: 'utf8' }).trim();
  execFileSync('elixirc', ['-pa', lib, '-o', ebin, ...sources.map((s) => path.join(root, s))], { stdio: ['ignore', 'ignore', 'inherit'] });
  return (expr, args) => execFileSync('elixir', ['-pa', ebin, '-e', expr, ...args], { encoding: 'utf8' });
}

function writeJson(file, value) {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}
