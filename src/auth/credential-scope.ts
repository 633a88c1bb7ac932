/** The parsed `AKID/date/region/service/aws4_request` credential of a SigV4 request. */
export interface CredentialScope {
  readonly accessKeyId: string;
  /** YYYYMMDD */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  /** `date/region/service/aws4_request`, as it appears in strings to sign. */
  readonly scope: string;
}

/** Parses a SigV4 credential; undefined when it does not have the five parts. */
export function parseCredential(credential: string): CredentialScope | undefined {
  const parts = credential.split('/');
  if (parts.length < 5) return undefined;
  const [date, region, service, terminator] = parts.slice(-4) as [string, string, string, string];
  const accessKeyId = parts.slice(0, -4).join('/');
  if (accessKeyId === '' || !/^\d{8}$/.test(date) || region === '' || service === '' || terminator !== 'aws4_request') {
    return undefined;
  }
  return { accessKeyId, date, region, service, scope: `${date}/${region}/${service}/aws4_request` };
}
