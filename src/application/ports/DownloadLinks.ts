export interface DownloadRequest {
  /** The file's key in the object store. */
  readonly fileKey: string;
  readonly loanId: string;
  /** The link stops working at this instant. */
  readonly expiresAt: Date;
}

/** Makes time-limited signed URLs for a file (pre-signed URLs). The URL is handed out, never stored. */
export interface DownloadLinks {
  sign(request: DownloadRequest): Promise<string>;
}
