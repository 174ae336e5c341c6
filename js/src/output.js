// output.js — standard output and standard error, as the embedded wasmtime host orders them.
//
// Standard output is buffered; the buffer is flushed before every write to standard error,
// before the host sleeps or yields to the event loop, when it grows past `limit` bytes and
// when the program ends. Standard error is never buffered. The platform adapter supplies
// `sink(fd, bytes)`, which must consume `bytes` before it returns (the buffer is reused).

export class Output {
  /**
   * @param {(fd: 1 | 2, bytes: Uint8Array) => void} sink
   * @param {number} [limit] flush standard output once this many bytes are buffered
   */
  constructor(sink, limit = 1 << 16) {
    this.sink = sink;
    this.limit = limit;
    this.chunks = [];
    this.buffered = 0;
  }

  /** Takes a copy of `bytes` written by the program to `fd`. */
  write(fd, bytes) {
    if (fd === 1) {
      this.chunks.push(bytes.slice());
      this.buffered += bytes.length;
      if (this.buffered >= this.limit) this.flush();
    } else if (fd === 2) {
      this.flush();
      this.sink(2, bytes);
    } else {
      throw new RangeError(`beamwasm host: write to unknown file descriptor ${fd} (1 is stdout, 2 is stderr)`);
    }
  }

  /** Hands every buffered standard-output byte to the sink. */
  flush() {
    if (this.buffered === 0) return;
    const all = this.chunks.length === 1 ? this.chunks[0] : concat(this.chunks, this.buffered);
    this.chunks = [];
    this.buffered = 0;
    this.sink(1, all);
  }
}

function concat(chunks, total) {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * A sink that collects text per stream and calls `onText(fd, text)` as it arrives
 * (browsers, workerd). A UTF-8 sequence split across two writes is decoded whole.
 */
export function textSink(onText) {
  const decoders = { 1: new TextDecoder(), 2: new TextDecoder() };
  return (fd, bytes) => onText(fd, decoders[fd].decode(bytes, { stream: true }));
}
