// A writer thread: hashes and writes the bytes of the blobs assigned to it, so that hashing many
// parallel uploads does not serialize them on the event loop.
import { close, closeSync, fsync, openSync, unlinkSync, writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { createDigester, type Digester } from '../../core/checksums/digester.js';
import { PackageSealer } from '../../core/encryption/package-sealer.js';
import { PLAIN_LENGTH_OFFSET, plainLengthField } from '../../core/encryption/sealed-format.js';
import { SLOT_BYTES, type FromWriter, type ToWriter } from './blob-writer-protocol.js';

interface Session {
  readonly fd: number;
  readonly path: string;
  readonly digester: Digester;
  readonly ring: SharedArrayBuffer;
  readonly sealer: PackageSealer | undefined;
  size: number;
}

const port = parentPort;
if (port === null) throw new Error('blob-writer-worker runs as a worker thread');
const sessions = new Map<number, Session>();
const send = (m: FromWriter) => port.postMessage(m);

port.on('message', (m: ToWriter) => {
  try {
    handle(m);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const s = sessions.get(m.id);
    if (s !== undefined) discard(m.id, s);
    send({ type: 'failed', id: m.id, message: e.message, ...(e.code === undefined ? {} : { code: e.code }) });
  }
});

function handle(m: ToWriter): void {
  switch (m.type) {
    case 'open': {
      const fd = openSync(m.path, 'wx');
      // Structured clone turns Buffers into Uint8Arrays.
      const seal =
        m.seal === undefined
          ? undefined
          : { header: Buffer.from(m.seal.header), dataKey: Buffer.from(m.seal.dataKey), noncePrefix: Buffer.from(m.seal.noncePrefix) };
      sessions.set(m.id, {
        fd,
        path: m.path,
        digester: createDigester(m.digests),
        ring: m.ring,
        sealer: seal === undefined ? undefined : new PackageSealer(seal),
        size: 0,
      });
      if (seal !== undefined) writeFully(fd, seal.header);
      return;
    }
    case 'data': {
      const s = session(m.id);
      const bytes = new Uint8Array(s.ring, m.slot * SLOT_BYTES, m.length);
      s.digester.update(bytes);
      if (s.sealer === undefined) writeFully(s.fd, bytes);
      else for (const sealed of s.sealer.update(bytes)) writeFully(s.fd, sealed);
      s.size += bytes.length;
      send({ type: 'written', id: m.id, slot: m.slot });
      return;
    }
    case 'finish': {
      // fsync on the thread pool: this thread goes on hashing the other writes it serves meanwhile.
      const s = session(m.id);
      const digests = s.digester.digest();
      if (s.sealer !== undefined) {
        for (const sealed of s.sealer.final()) writeFully(s.fd, sealed);
        writeSync(s.fd, plainLengthField(s.size), 0, 8, PLAIN_LENGTH_OFFSET);
      }
      fsync(s.fd, (syncError) => {
        close(s.fd, (closeError) => {
          sessions.delete(m.id);
          const error = syncError ?? closeError;
          if (error === null) {
            send({ type: 'finished', id: m.id, size: s.size, digests });
            return;
          }
          try {
            unlinkSync(s.path);
          } catch {
            // already gone
          }
          send({ type: 'failed', id: m.id, message: error.message, ...(error.code === undefined ? {} : { code: error.code }) });
        });
      });
      return;
    }
    case 'abort': {
      const s = sessions.get(m.id);
      if (s !== undefined) discard(m.id, s);
      send({ type: 'aborted', id: m.id });
      return;
    }
  }
}

function session(id: number): Session {
  const s = sessions.get(id);
  if (s === undefined) throw new Error(`no blob write session ${id}`);
  return s;
}

function discard(id: number, s: Session): void {
  sessions.delete(id);
  try {
    closeSync(s.fd);
  } catch {
    // already closed
  }
  try {
    unlinkSync(s.path);
  } catch {
    // already gone
  }
}

function writeFully(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off);
}
