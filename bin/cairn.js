#!/usr/bin/env node
// fsync-heavy writes (every blob, every directory rename) run on libuv's thread pool; 4 threads
// would serialize concurrent uploads behind each other's fsyncs. Must be set before any fs work.
process.env.UV_THREADPOOL_SIZE ??= '16';

const { runCli } = await import('../dist/src/cli/run-cli.js');
process.exitCode = await runCli(process.argv.slice(2));
