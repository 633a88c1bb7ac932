import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('server flags (util.parseArgs, strict)', () => {
  it('reads --flag value and --flag=value, the last of a repeated flag winning over the environment', () => {
    const c = loadConfig(['--port=0', '--access-log', 'false', '--region', 'eu-west-1', '--region', 'eu-central-1'], {
      CAIRN_REGION: 'us-west-2',
      CAIRN_HOST: '0.0.0.0',
    });
    assert.equal(c.port, 0);
    assert.equal(c.accessLog, false);
    assert.equal(c.region, 'eu-central-1');
    assert.equal(c.host, '0.0.0.0');
  });

  it('refuses an unknown flag, a missing value and a stray argument', () => {
    assert.throws(
      () => loadConfig(['--prot', '1'], {}),
      (e: Error) => e instanceof ConfigError && /Unknown option '--prot'/.test(e.message),
    );
    assert.throws(
      () => loadConfig(['--port'], {}),
      (e: Error) => e instanceof ConfigError && /argument missing/.test(e.message),
    );
    assert.throws(
      () => loadConfig(['--port', '--data-dir', 'x'], {}),
      (e: Error) => e instanceof ConfigError && /ambiguous/.test(e.message),
    );
    assert.throws(
      () => loadConfig(['stray'], {}),
      (e: Error) => e instanceof ConfigError && /Unexpected argument 'stray'/.test(e.message),
    );
  });

  it('reads a boolean flag alone or with a true/false word after it', () => {
    assert.equal(loadConfig(['--access-log', 'false', '--port', '0'], {}).accessLog, false);
    assert.equal(loadConfig(['--access-log'], { CAIRN_ACCESS_LOG: 'false' }).accessLog, true);
    assert.deepEqual(loadConfig(['--tls-self-signed', '--port', '0'], {}).tls, { selfSigned: true });
    assert.equal(loadConfig(['--tls-self-signed', 'no'], {}).tls, undefined);
  });

  it('takes no flag for a secret', () => {
    assert.throws(() => loadConfig(['--root-secret-key', 'x'], {}), ConfigError);
  });
});
