// durable-exports.ts — the names @beamwasm/host/durable exports (see exports.ts); checked by
// tsc with the Workers types, and at run time against durable.js's source (Node cannot
// import it: it imports cloudflare:workers).

import type * as Durable from '@beamwasm/host/durable';

type Names<M> = { [K in keyof M]: true };

export const durable: Names<typeof Durable> = { objectEffects: true, BeamwasmObject: true, routeToObjects: true, Atom: true };
