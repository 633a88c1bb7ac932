import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export const testCredentials = {
  accessKeyId: 'CKTESTROOTKEY0000001',
  secretAccessKey: 'test-secret-key-for-the-cairn-test-suite',
};

export interface CairnProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Everything the server printed to standard output so far. */
  stdout(): string;
  stderr(): string;
  /** Resident set size of the server process in bytes (Linux /proc). */
  rss(): number;
  /** Peak resident set size (VmHWM) in bytes. */
  peakRss(): number;
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for exit: a crash. */
  kill(): Promise<void>;
  /** Stops (if running) and removes the data directory. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  readonly dataDir?: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Omit the root credentials from the environment (first-start generation tests). */
  readonly noCredentials?: boolean;
}

/** Starts `cairn serve` as a child process on a free port and waits for its listening line. */
export async function startCairnProcess(options: StartOptions = {}): Promise<CairnProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'cairn-e2e-'));
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...(options.env ?? {}) };
  if (options.noCredentials !== true) {
    env.CAIRN_ROOT_ACCESS_KEY = testCredentials.accessKeyId;
    env.CAIRN_ROOT_SECRET_KEY = testCredentials.secretAccessKey;
  }
  env.CAIRN_ACCESS_LOG ??= 'false';
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'bin', 'cairn.js'), 'serve', '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cairn did not start:\n${out}\n${err}`)), 30_000);
    const check = () => {
      const m = /Cairn listening on (https?:\/\/\S+)/.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`cairn exited with ${String(code)} before listening:\n${out}\n${err}`));
    });
  });
  let stopped = false;
  const proc: CairnProcess = {
    url,
    port: Number(new URL(url).port),
    dataDir,
    child,
    stdout: () => out,
    stderr: () => err,
    rss: () => statusField('VmRSS'),
    peakRss: () => statusField('VmHWM'),
    stop: async () => {
      if (stopped) return exited;
      stopped = true;
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      stopped = true;
      child.kill('SIGKILL');
      await exited;
    },
    dispose: async () => {
      await proc.stop();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  function statusField(name: string): number {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const m = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
    return m?.[1] === undefined ? 0 : Number(m[1]) * 1024;
  }
  return proc;
}
