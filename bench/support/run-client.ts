import { spawn } from 'node:child_process';
import path from 'node:path';

const clientsDir = path.resolve(import.meta.dirname, '..', 'clients');

/** Runs a client script of bench/clients in its own Node.js process and returns its last JSON line. */
export async function runClient<T>(script: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<T> {
  const child = spawn(process.execPath, [path.join(clientsDir, script), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-20_000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c) => resolve(c));
  });
  const last = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`${script} ${args.join(' ')} failed (exit ${String(code)}):\n${out}\n${err}`);
  return JSON.parse(last) as T;
}
