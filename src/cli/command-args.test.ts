import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandArgs } from './command-args.js';
import { UsageError } from './usage-error.js';

const options = { json: { type: 'boolean' }, prefix: { type: 'string' }, yes: { type: 'boolean', short: 'y' } } as const;

describe('parseCommandArgs (util.parseArgs, strict)', () => {
  it('parses flags, short flags, --flag=value and positionals', () => {
    const r = parseCommandArgs(['s3://b', '--prefix=logs/', '-y', '--json'], options, { min: 1, max: 1 }, 'usage: x');
    assert.deepEqual(r.positionals, ['s3://b']);
    assert.deepEqual({ ...r.values }, { prefix: 'logs/', yes: true, json: true });
  });

  it('throws a UsageError carrying the usage for an unknown flag, a missing value, a stray or missing argument', () => {
    const fails = (args: string[], message: RegExp) =>
      assert.throws(
        () => parseCommandArgs(args, options, { min: 1, max: 1 }, 'usage: x'),
        (e: Error) => e instanceof UsageError && message.test(e.message) && e.usage === 'usage: x',
      );
    fails(['a', '--prefx', 'logs/'], /Unknown option '--prefx'/);
    fails(['a', '--prefix'], /argument missing/);
    fails(['a', 'b'], /unexpected argument 'b'/);
    fails([], /missing argument/);
    fails(['a', '--json=yes'], /does not take an argument/);
  });
});
