/** The Glacier operations (API 2012-06-01), named as AWS names them, with the labels of their URIs. */
interface Account {
  /** The first path segment as sent: '-' or an account id. */
  readonly accountId: string;
}
interface Vault extends Account {
  readonly vaultName: string;
}

export interface GlacierEndpointParams {
  readonly CreateVault: Vault;
  readonly DescribeVault: Vault;
  readonly ListVaults: Account;
  readonly DeleteVault: Vault;
  readonly SetVaultAccessPolicy: Vault;
  readonly GetVaultAccessPolicy: Vault;
  readonly DeleteVaultAccessPolicy: Vault;
  readonly SetVaultNotifications: Vault;
  readonly GetVaultNotifications: Vault;
  readonly DeleteVaultNotifications: Vault;
  readonly InitiateVaultLock: Vault;
  readonly GetVaultLock: Vault;
  readonly CompleteVaultLock: Vault & { readonly lockId: string };
  readonly AbortVaultLock: Vault;
  readonly AddTagsToVault: Vault;
  readonly ListTagsForVault: Vault;
  readonly RemoveTagsFromVault: Vault;
  readonly UploadArchive: Vault;
  readonly DeleteArchive: Vault & { readonly archiveId: string };
  readonly InitiateMultipartUpload: Vault;
  readonly UploadMultipartPart: Vault & { readonly uploadId: string };
  readonly CompleteMultipartUpload: Vault & { readonly uploadId: string };
  readonly AbortMultipartUpload: Vault & { readonly uploadId: string };
  readonly ListParts: Vault & { readonly uploadId: string };
  readonly ListMultipartUploads: Vault;
  readonly InitiateJob: Vault;
  readonly DescribeJob: Vault & { readonly jobId: string };
  readonly ListJobs: Vault;
  readonly GetJobOutput: Vault & { readonly jobId: string };
  readonly GetDataRetrievalPolicy: Account;
  readonly SetDataRetrievalPolicy: Account;
  readonly ListProvisionedCapacity: Account;
  readonly PurchaseProvisionedCapacity: Account;
}

export type GlacierOperation = keyof GlacierEndpointParams;
export type GlacierEndpointOf<O extends GlacierOperation> = { readonly operation: O } & GlacierEndpointParams[O];
export type GlacierEndpoint = { [O in GlacierOperation]: GlacierEndpointOf<O> }[GlacierOperation];
