// worker.js — the counter: a Durable Object per counter name whose requests are answered
// by Elixir (counter.ex, built to ../build/counter.wasm). BeamwasmObject keeps the program
// running in the object, answers fetch() with its HTTP handler, and backs its storage with
// the object's SQLite storage; the Worker only routes /counter/NAME/... to object NAME.

import program from '../build/counter.wasm';
import { BeamwasmObject, routeToObjects } from '../../../js/src/durable.js';

export class CounterObject extends BeamwasmObject {
  static program = program;
}

export default { fetch: routeToObjects({ binding: 'COUNTER', prefix: 'counter' }) };
