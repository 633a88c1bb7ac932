import { createCipheriv, type CipherGCM } from 'node:crypto';
import { PACKAGE_BYTES, packageIv } from './sealed-format.js';

/** What a sealed write needs: the header to write first, the data key and the nonce prefix of the packages. */
export interface BlobSeal {
  readonly header: Buffer;
  readonly dataKey: Buffer;
  readonly noncePrefix: Buffer;
}

/**
 * Encrypts a stream of plaintext into packages as it arrives (see sealed-format.ts). `update` returns
 * the sealed bytes ready so far; nothing is held but the current package's cipher state.
 */
export class PackageSealer {
  private cipher: CipherGCM | undefined;
  private index = 0;
  private filled = 0;

  constructor(private readonly seal: BlobSeal) {}

  /** Sealed output for `chunk`; the caller may reuse `chunk` once this returns. */
  update(chunk: Uint8Array): Buffer[] {
    const out: Buffer[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      this.cipher ??= createCipheriv('aes-256-gcm', this.seal.dataKey, packageIv(this.seal.noncePrefix, this.index));
      const n = Math.min(chunk.length - offset, PACKAGE_BYTES - this.filled);
      out.push(this.cipher.update(chunk.subarray(offset, offset + n)));
      this.filled += n;
      offset += n;
      if (this.filled === PACKAGE_BYTES) out.push(...this.closePackage());
    }
    return out;
  }

  /** The tail of the last package (nothing when the plaintext ended on a package boundary). */
  final(): Buffer[] {
    return this.cipher === undefined ? [] : this.closePackage();
  }

  private closePackage(): Buffer[] {
    const cipher = this.cipher;
    if (cipher === undefined) return [];
    const tail = cipher.final();
    const tag = cipher.getAuthTag();
    this.cipher = undefined;
    this.filled = 0;
    this.index++;
    return tail.length === 0 ? [tag] : [tail, tag];
  }
}
