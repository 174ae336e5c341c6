// worker.js — the todos API: one Durable Object per list, whose requests are answered by
// Elixir (todos.ex, built to ../build/todos.wasm) with the list's rows in the object's own
// SQLite database (Beamwasm.SQL). The Worker only routes /lists/NAME/... to object NAME.

import program from '../build/todos.wasm';
import { BeamwasmObject, routeToObjects } from '../../../js/src/durable.js';

export class TodoList extends BeamwasmObject {
  static program = program;
}

export default { fetch: routeToObjects({ binding: 'TODOS', prefix: 'lists' }) };
