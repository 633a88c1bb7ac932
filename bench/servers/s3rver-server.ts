// Reference (b): s3rver 3.7 (npm) on its filesystem store, as its own process.
// Run: node dist/bench/servers/s3rver-server.js <data-dir>   (prints "listening on http://HOST:PORT")
import S3rver from 's3rver';

const directory = process.argv[2];
if (directory === undefined) throw new Error('usage: s3rver-server.js <data-dir>');
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, vhostBuckets: false });
const { port } = await server.run();
process.stdout.write(`s3rver listening on http://127.0.0.1:${port}\n`);
process.on('SIGTERM', () => {
  void server.close().finally(() => process.exit(0));
});
