import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProgress, type ProgressMode } from './progress.js';

function run(mode: ProgressMode) {
  let t = 0;
  const err: string[] = [];
  const out: string[] = [];
  const p = createProgress(mode, 'upload', { err: (s) => err.push(s), out: (s) => out.push(s), columns: () => 100 }, () => t).withLabel(
    'upload',
  );
  p.start(100 * 1e6);
  for (let i = 0; i < 10; i++) {
    t += 1000;
    p.add(10 * 1e6);
  }
  p.finish();
  return { err, out };
}

describe('progress', () => {
  it('redraws one line on a terminal, with bytes, rate and ETA', () => {
    const { err, out } = run('tty');
    assert.equal(out.length, 0);
    assert.ok(err.every((s) => s.startsWith('\r\x1b[K') || s === '\n'));
    assert.equal(err.at(-1), '\n');
    assert.match(err[5] ?? '', /upload \[#+\.+\] 47\.7 MiB \/ 95\.4 MiB \(50%\) {2}10\.0 MB\/s {2}ETA 5s/);
  });

  it('prints a plain line every two seconds when not on a terminal', () => {
    const { err } = run('plain');
    assert.equal(err.length, 7);
    assert.ok(err.every((s) => s.endsWith('\n') && !s.includes('\r')));
    assert.match(err.at(-1) ?? '', /upload: 95\.4 MiB \/ 95\.4 MiB \(100%\)/);
  });

  it('prints nothing with --quiet, and JSON events with --json', () => {
    const quiet = run('quiet');
    assert.deepEqual([quiet.err, quiet.out], [[], []]);
    const json = run('json');
    assert.equal(json.err.length, 0);
    const events = json.out.map((l) => JSON.parse(l) as { event: string; bytes?: number });
    assert.equal(events[0]?.event, 'start');
    assert.deepEqual(events.at(-1), { event: 'progress', bytes: 100e6, total: 100e6, percent: 100, bytesPerSecond: 10e6 });
  });
});
