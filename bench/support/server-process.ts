import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ServerProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Peak resident set size so far (VmHWM), in bytes. */
  peakRss(): number;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  stderr(): string;
}

export interface SpawnServerOptions {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Node flags, e.g. --cpu-prof. */
  readonly nodeArgs?: readonly string[];
}

/** Every server under test prints a line like this once it accepts connections. */
const LISTENING = /listening on (https?:\/\/\S+)/i;

/** Starts a Node.js server script as a child process and waits for its "listening on http://..." line. */
export async function spawnServer(options: SpawnServerOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...options.args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.name} did not start:\n${out}\n${err}`)), 30_000);
    const onData = (d: string) => {
      out = (out + d).slice(-20_000);
      const m = LISTENING.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited before listening:\n${out}\n${err}`));
    });
  });
  // Keep draining stdout so that a chatty server never blocks on a full pipe.
  child.stdout.on('data', () => undefined);
  let stopping: Promise<void> | undefined;
  return {
    name: options.name,
    url,
    pid: child.pid!,
    child,
    peakRss: () => statusBytes(child.pid!, 'VmHWM'),
    stderr: () => err,
    stop: (graceMs = 10_000) =>
      (stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      })()),
  };
}

/** A field of /proc/<pid>/status in bytes (Linux). */
export function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return m?.[1] === undefined ? 0 : Number(m[1]) * 1024;
}
