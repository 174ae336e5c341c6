// worker.js — chat rooms with presence (chat.ex, built to ../build/chat.wasm): the same
// program in two kinds of Durable Object. A Room per room name (`ROOMS`) runs Chat.Room; the
// one Lobby (`LOBBY`, named "lobby") runs Chat.Lobby. Their processes call each other with
// GenServer.call/cast over Workers RPC (Beamwasm.Object: beamwasmCall/beamwasmSend), which
// is why both namespaces are bound here: the program names them by binding.
//
//   /rooms/NAME/...   to the Room object NAME
//   /lobby...         to the Lobby object

import program from '../build/chat.wasm';
import { BeamwasmObject } from '../../../js/src/durable.js';

export class Room extends BeamwasmObject {
  static program = program;
  args() {
    return ['room'];
  }
}

export class Lobby extends BeamwasmObject {
  static program = program;
  args() {
    return ['lobby'];
  }
}

export default {
  fetch(request, env) {
    const [, where, name] = new URL(request.url).pathname.split('/');
    if (where === 'rooms' && name) return env.ROOMS.get(env.ROOMS.idFromName(decodeURIComponent(name))).fetch(request);
    if (where === 'lobby') return env.LOBBY.get(env.LOBBY.idFromName('lobby')).fetch(request);
    return Response.json({ error: 'not found' }, { status: 404 });
  },
};
