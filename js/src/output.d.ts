// output.d.ts — types of output.js: standard output and error in the embedded host's order.

/** Where output goes: `bytes` must be consumed before the sink returns (the buffer is reused). */
export type OutputSink = (fd: 1 | 2, bytes: Uint8Array) => void;

/** Buffers standard output; standard error flushes it first and is never buffered. */
export class Output {
  constructor(sink: OutputSink, limit?: number);
  write(fd: 1 | 2, bytes: Uint8Array): void;
  flush(): void;
}

/** A sink that decodes each stream's UTF-8 (a sequence split across writes decoded whole). */
export function textSink(onText: (fd: 1 | 2, text: string) => void): OutputSink;
