import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

/**
 * `hash`: one buffer's MD5, the buffer handed back. `open`/`write`/`finish`: a range being downloaded,
 * written at its offsets into a file and hashed in the same pass; `finish` answers with its MD5.
 */
export type Md5Request =
  | { readonly op: 'hash'; readonly id: number; readonly data: ArrayBuffer }
  | { readonly op: 'open'; readonly id: number; readonly path: string; readonly hash: boolean }
  | {
      readonly op: 'write';
      readonly id: number;
      readonly seq: number;
      readonly data: ArrayBuffer;
      readonly length: number;
      readonly position: number;
    }
  | { readonly op: 'finish'; readonly id: number };

export type Md5Reply =
  | { readonly id: number; readonly digest: Uint8Array; readonly data?: ArrayBuffer }
  | { readonly id: number; readonly seq: number; readonly error?: string; readonly data?: ArrayBuffer };

const sinks = new Map<number, { fd: number; hash: Hash | undefined; error?: string }>();

parentPort?.on('message', (m: Md5Request) => {
  switch (m.op) {
    case 'hash': {
      const digest = createHash('md5').update(new Uint8Array(m.data)).digest();
      parentPort?.postMessage({ id: m.id, digest, data: m.data } satisfies Md5Reply, [m.data]);
      return;
    }
    case 'open':
      try {
        sinks.set(m.id, { fd: openSync(m.path, 'r+'), hash: m.hash ? createHash('md5') : undefined });
      } catch (e) {
        sinks.set(m.id, { fd: -1, hash: undefined, error: String(e) });
      }
      return;
    case 'write': {
      const sink = sinks.get(m.id);
      let error = sink === undefined ? 'no such range' : sink.error;
      if (sink !== undefined && error === undefined) {
        try {
          const bytes = new Uint8Array(m.data, 0, m.length);
          let off = 0;
          while (off < bytes.length) off += writeSync(sink.fd, bytes, off, bytes.length - off, m.position + off);
          sink.hash?.update(bytes);
        } catch (e) {
          error = sink.error = String(e);
        }
      }
      // The batch goes back to be filled again: no allocation, and no garbage, per megabyte.
      parentPort?.postMessage({ id: m.id, seq: m.seq, data: m.data, ...(error === undefined ? {} : { error }) } satisfies Md5Reply, [
        m.data,
      ]);
      return;
    }
    case 'finish': {
      const sink = sinks.get(m.id);
      sinks.delete(m.id);
      if (sink !== undefined && sink.fd >= 0) closeSync(sink.fd);
      parentPort?.postMessage({ id: m.id, seq: -1, ...(sink?.error === undefined ? {} : { error: sink.error }) } satisfies Md5Reply);
      parentPort?.postMessage({ id: m.id, digest: sink?.hash?.digest() ?? new Uint8Array() } satisfies Md5Reply);
      return;
    }
  }
});
