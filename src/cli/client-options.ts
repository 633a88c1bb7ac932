/** Where an admin API call goes and with which credentials (an EndpointSettings fits). */
export interface ClientOptions {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly json?: boolean;
}
