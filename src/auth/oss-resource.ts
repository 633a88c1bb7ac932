/**
 * What an OSS signature covers: the logical bucket and key, whatever the addressing style (virtual host,
 * path style, or ali-oss's rewritten Host for IP endpoints). The dialect's router finds them; both
 * signature versions rebuild their resource string from these, never from the raw path.
 */
export interface OssResource {
  /** Undefined for service-level requests (ListBuckets). */
  readonly bucket?: string | undefined;
  /** Percent-decoded; undefined or '' for bucket-level requests. */
  readonly key?: string | undefined;
}
