// The composition root: config -> adapters -> core -> dialects -> listener. Nothing else picks a backend.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createAdminApi } from './admin-api/admin-api.js';
import type { CairnConfig } from './config/config.js';
import { ensureDefaultAccount } from './core/accounts/ensure-default-account.js';
import type { CoreContext } from './core/context.js';
import { defaultLimits } from './core/limits.js';
import { LifecycleEngine } from './core/lifecycle/lifecycle-engine.js';
import { LifecycleScheduler } from './core/lifecycle/lifecycle-scheduler.js';
import { BlobPins } from './core/maintenance/blob-pins.js';
import { purgeTombstones } from './core/maintenance/purge-tombstones.js';
import { recover } from './core/maintenance/recover.js';
import type { Logger } from './core/ports/logger.js';
import type { WireRequest } from './dialects/common/wire.js';
import { createGlacierDialect } from './dialects/glacier/glacier-dialect.js';
import { createOssDialect } from './dialects/oss/oss-dialect.js';
import { createS3Dialect } from './dialects/s3/s3-dialect.js';
import { bareErrorRenderer } from './http/bare-error.js';
import { frontDoor } from './http/front-door.js';
import { createConsoleApi, isConsoleApiPath } from './admin-api/index.js';
import { serveConsole } from './console/serve-console.js';
import { startHttpServer } from './http/http-server.js';
import { DataDirLock } from './storage/fs/data-dir-lock.js';
import { FsBlobStore } from './storage/fs/fs-blob-store.js';
import { SqliteMetadataStore } from './storage/sqlite/sqlite-metadata-store.js';
import { rootOnlyAuthorizer } from './auth/index.js';
import { ensureKmsKeys } from './core/encryption/kms-keys.js';
import { loadMasterKey } from './storage/fs/master-key-file.js';
import { ensureSelfSignedCertificate, loadTlsFiles, type TlsMaterial } from './http/tls-files.js';

export interface CairnIo {
  /** Standard output: the listening line, first-start credentials, access log. */
  readonly out: (line: string) => void;
  readonly log: Logger;
}

export interface RunningCairn {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly ctx: CoreContext;
  /** Reads the certificate and key files again; new connections use them (SIGHUP). */
  reloadTls(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCairn(config: CairnConfig, io: CairnIo): Promise<RunningCairn> {
  await mkdir(config.dataDir, { recursive: true });
  const lock = await DataDirLock.acquire(config.dataDir);
  const meta = new SqliteMetadataStore({ path: path.join(config.dataDir, 'metadata.db') });
  const blobs = new FsBlobStore(config.dataDir, config.writerThreads);
  await blobs.init();
  const masterKey = await loadMasterKey(config.dataDir, config.masterKey);
  const tlsFiles =
    config.tls === undefined ? undefined : 'certFile' in config.tls ? config.tls : await ensureSelfSignedCertificate(config.dataDir);
  let tls: TlsMaterial | undefined = tlsFiles === undefined ? undefined : await loadTlsFiles(tlsFiles.certFile, tlsFiles.keyFile);
  const ctx: CoreContext = {
    meta,
    blobs,
    limits: {
      ...defaultLimits,
      minPartSize: config.minPartSize,
      tombstoneWindowMs: config.tombstoneWindowMs,
      inlineMaxBytes: config.inlineMaxBytes,
    },
    log: io.log,
    clock: Date.now,
    pins: new BlobPins(),
    masterKey,
  };
  const recovered = await recover(ctx);
  if (recovered.temporaryFiles + recovered.orphanBlobs + recovered.garbageBlobs > 0) io.log.info('recovered', { ...recovered });
  const root = await ensureDefaultAccount(ctx, config.rootCredentials);
  if (root.generated) {
    io.out(
      'Generated root credentials for the default account (shown once; set CAIRN_ROOT_ACCESS_KEY and CAIRN_ROOT_SECRET_KEY to choose your own):',
    );
    io.out(`  AWS_ACCESS_KEY_ID=${root.rootKey.accessKeyId}`);
    io.out(`  AWS_SECRET_ACCESS_KEY=${root.rootKey.secretAccessKey}`);
  }
  await ensureKmsKeys(ctx, config.kmsKeys, config.region, root.account.id);

  const lookupKey = (id: string) => meta.getAccessKey(id);
  const s3 = createS3Dialect({
    ctx,
    lookupKey,
    authorizer: rootOnlyAuthorizer(),
    region: config.region,
    domains: config.domains,
    keepAliveAfterMs: config.keepAliveAfterMs,
  });
  const glacier = createGlacierDialect({
    ctx,
    lookupKey,
    authorizer: rootOnlyAuthorizer(),
    region: config.region,
    jobStore: meta.jobs(),
    tierDelays: config.glacierJobDelaysMs,
    jobRetentionMs: config.glacierJobRetentionMs,
  });
  const oss = createOssDialect({
    ctx,
    lookupKey,
    authorizer: rootOnlyAuthorizer(),
    ossRegion: config.ossRegion,
    bucketRegion: config.region,
    domains: config.domains,
  });
  const lifecycle = new LifecycleEngine(ctx, meta.lifecycle, {
    batchSize: config.lifecycleBatchSize,
    throttleMs: config.lifecycleThrottleMs,
    previewLimit: 1000,
  });
  const admin = createAdminApi({
    ctx,
    lookupKey,
    region: config.region,
    adminAccountId: root.account.id,
    lifecycle,
    ledger: meta.ledger,
    prices: config.priceTable,
  });
  const consoleApi = createConsoleApi({
    ctx,
    lookupKey,
    authorizer: rootOnlyAuthorizer(),
    adminAccountId: root.account.id,
    region: config.region,
    lifecycle,
    lifecycleIntervalMs: config.lifecycleIntervalMs,
    ledger: meta.ledger,
    prices: config.priceTable,
    sessionLifetimeMs: config.consoleSessionLifetimeMs,
  });
  const consoleFiles = serveConsole();
  const internal = (req: WireRequest) =>
    isConsoleApiPath(req.rawPath) ? consoleApi.handle(req) : isConsolePagePath(req.rawPath) ? consoleFiles(req) : admin(req);
  const http = await startHttpServer({
    host: config.host,
    port: config.port,
    idleTimeoutMs: config.idleTimeoutMs,
    accessLog: config.accessLog ? io.out : undefined,
    handle: frontDoor({ dialects: [glacier, oss, s3], internal }),
    onError: (message, fields) => io.log.error(message, fields),
    renderError: bareErrorRenderer([glacier, oss, s3]),
    ...(tls === undefined ? {} : { tls }),
  });

  const purge = setInterval(
    () => {
      purgeTombstones(ctx).catch((e: unknown) => io.log.error('tombstone purge failed', { error: String(e) }));
    },
    60 * 60 * 1000,
  );
  purge.unref();
  // Glacier jobs complete on time even when nobody asks (reads complete due jobs too) and expire after retention.
  let maintenance: Promise<void> | undefined;
  const jobTimer = setInterval(() => {
    maintenance ??= glacier
      .maintainJobs()
      .then(() => undefined)
      .catch((e: unknown) => io.log.error('Glacier job maintenance failed', { error: String(e) }))
      .finally(() => (maintenance = undefined));
  }, 250);
  jobTimer.unref();
  const scheduler = new LifecycleScheduler(ctx, lifecycle, config.lifecycleIntervalMs);
  scheduler.start();

  const shownHost = http.host.includes(':') ? `[${http.host}]` : http.host;
  const url = `${tls === undefined ? 'http' : 'https'}://${shownHost}:${http.port}`;
  if (tls !== undefined && tlsFiles !== undefined && config.tls !== undefined && !('certFile' in config.tls)) {
    io.out(`TLS certificate for localhost: ${tlsFiles.certFile}`);
    io.out(`  SHA-256 fingerprint ${tls.fingerprint256}`);
  }
  io.out(`Cairn listening on ${url}`);
  let stopping: Promise<void> | undefined;
  return {
    url,
    host: http.host,
    port: http.port,
    ctx,
    reloadTls: async () => {
      if (tlsFiles === undefined) return;
      tls = await loadTlsFiles(tlsFiles.certFile, tlsFiles.keyFile);
      http.reloadTls(tls);
      io.log.info('TLS certificate reloaded', { fingerprint256: tls.fingerprint256 });
    },
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(purge);
        clearInterval(jobTimer);
        // Stop lifecycle work between two actions first, so a manual pass in flight ends its request.
        const lifecycleStopped = scheduler.stop();
        const jobsStopped = consoleApi.stop();
        await http.close();
        await lifecycleStopped;
        await jobsStopped;
        await maintenance;
        await meta.close();
        await blobs.close();
        await lock.release();
      })()),
  };
}

/** The console's page and assets (its JSON API is under /_cairn/console/api/). */
function isConsolePagePath(rawPath: string): boolean {
  return (
    rawPath === '/console' || rawPath.startsWith('/console/') || rawPath === '/_cairn/console' || rawPath.startsWith('/_cairn/console/')
  );
}
