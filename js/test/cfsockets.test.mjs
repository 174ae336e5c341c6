// cfsockets.js's name handling, without workerd: `cloudflare:sockets` is replaced by a stub
// (only workerd has it) and every connection goes to an injected `connect` that records
// what it was asked to open. workerd itself is exercised in workerd-fetch.test.mjs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'cloudflare:sockets') {
      return { url: 'data:text/javascript,export function connect() { throw new Error("no workerd here") }', shortCircuit: true };
    }
    return next(specifier, context);
  },
});
const { cfSocketEffects } = await import('../src/cfsockets.js');
const { atom, Tuple } = await import('../src/etf.js');

const bytes = (s) => new TextEncoder().encode(s);
const inet = atom('inet');
const program = { hold: () => () => {}, post: () => {} };

/** Effects whose connect records `{hostname, port, options}` and never opens. */
function recording(allow = null) {
  const opened = [];
  const connect = (address, options) => {
    opened.push({ ...address, options });
    return { opened: new Promise(() => {}), writable: { getWriter: () => ({}) }, close: async () => {} };
  };
  return { fx: cfSocketEffects({ allow, connect }), opened };
}

const okList = (r) => {
  assert.equal(r[0].name, 'ok');
  return r[1].map((ip) => Array.from(ip).join('.'));
};

test('getaddrs gives a host name a placeholder address from 198.18.0.0/15, the same one each time, and a connection to it opens the name', () => {
  const { fx, opened } = recording();
  assert.deepEqual(okList(fx.getaddrs([bytes('example.com'), inet])), ['198.18.0.1']);
  assert.deepEqual(okList(fx.getaddrs([bytes('Example.COM.'), inet])), ['198.18.0.1']);
  assert.deepEqual(okList(fx.getaddrs([bytes('api.example.org'), inet])), ['198.18.0.2']);
  const [ip] = fx.getaddrs([bytes('example.com'), inet])[1];
  const r = fx.tcp_connect([atom('self'), ip, 443], program);
  assert.equal(r[0].name, 'ok');
  assert.deepEqual(opened.map(({ hostname, port }) => [hostname, port]), [['example.com', 443]]);
});

test('getaddrs keeps localhost and literal addresses, and refuses what is no host name (and IPv6 names) with nxdomain', () => {
  const { fx, opened } = recording();
  assert.deepEqual(okList(fx.getaddrs([bytes('localhost'), inet])), ['127.0.0.1']);
  assert.deepEqual(okList(fx.getaddrs([bytes('10.1.2.3'), inet])), ['10.1.2.3']);
  for (const bad of ['300.1.1.1', 'a..b', 'bad name', '-x.com', '']) {
    const r = fx.getaddrs([bytes(bad), inet]);
    assert.deepEqual([r[0].name, r[1].name], ['error', 'nxdomain'], bad);
  }
  const r6 = fx.getaddrs([bytes('example.com'), atom('inet6')]);
  assert.deepEqual([r6[0].name, r6[1].name], ['error', 'nxdomain']);
  fx.tcp_connect([atom('self'), Tuple.of(10, 1, 2, 3), 80], program);
  assert.deepEqual(opened.map(({ hostname }) => hostname), ['10.1.2.3']);
});

test('the allow-list is checked against the name a placeholder stands for', () => {
  const { fx, opened } = recording(['example.com:443']);
  const [yes] = fx.getaddrs([bytes('example.com'), inet])[1];
  const [no] = fx.getaddrs([bytes('other.org'), inet])[1];
  assert.equal(fx.tcp_connect([atom('self'), yes, 443], program)[0].name, 'ok');
  const refused = fx.tcp_connect([atom('self'), no, 443], program);
  assert.deepEqual([refused[0].name, refused[1].name], ['error', 'eacces']);
  const port = fx.tcp_connect([atom('self'), yes, 80], program);
  assert.deepEqual([port[0].name, port[1].name], ['error', 'eacces']);
  assert.deepEqual(opened.map(({ hostname, port }) => `${hostname}:${port}`), ['example.com:443']);
});
