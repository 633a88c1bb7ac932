import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** SHA-256 fingerprint of the leaf certificate, as `AB:CD:...`. */
  readonly fingerprint256: string;
}

/** Reads a PEM certificate and key; throws with the file name when one is unreadable or not a certificate. */
export async function loadTlsFiles(certFile: string, keyFile: string): Promise<TlsMaterial> {
  const [cert, key] = await Promise.all([readFile(certFile), readFile(keyFile)]);
  let fingerprint256: string;
  try {
    fingerprint256 = new X509Certificate(cert).fingerprint256;
  } catch (error) {
    throw new Error(`${certFile} is not a PEM certificate: ${(error as Error).message}`);
  }
  return { cert, key, fingerprint256 };
}

/**
 * A certificate for localhost, 127.0.0.1 and ::1 under `<dataDir>/tls/`, made with Debian's openssl on
 * first use (node:crypto can parse certificates but not issue them) and reused afterwards.
 */
export async function ensureSelfSignedCertificate(dataDir: string): Promise<{ certFile: string; keyFile: string; created: boolean }> {
  const dir = path.join(dataDir, 'tls');
  const certFile = path.join(dir, 'localhost.crt');
  const keyFile = path.join(dir, 'localhost.key');
  const exists = await Promise.all([access(certFile), access(keyFile)]).then(
    () => true,
    () => false,
  );
  if (exists) return { certFile, keyFile, created: false };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // prettier-ignore
  const args = [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256', '-days', '825',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,digitalSignature,keyCertSign',
    '-addext', 'extendedKeyUsage=serverAuth', '-keyout', keyFile, '-out', certFile,
  ];
  try {
    await promisify(execFile)('openssl', args, { timeout: 30_000 });
  } catch (error) {
    throw new Error(`generating a self-signed certificate needs openssl (apt-get install openssl): ${(error as Error).message}`);
  }
  return { certFile, keyFile, created: true };
}
