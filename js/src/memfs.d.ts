// memfs.d.ts — types of memfs.js: the in-memory file system (the `fs` effect of browsers
// and workerd).

import type { FileSystemEffect } from './host.js';

/** An open file of memoryFs (opaque). */
export interface MemoryFileHandle {
  readonly read: boolean;
  readonly write: boolean;
}

/**
 * A file system in memory, seeded with `files` (path to text or bytes; parent directories
 * are made). Errors carry POSIX codes (`ENOENT`, `EISDIR`, ...) as Node's do.
 */
export function memoryFs(files?: Record<string, string | Uint8Array>, options?: { cwd?: string }): Required<FileSystemEffect<MemoryFileHandle>>;
