/** What a loan token says: which copy, which patron, until when, and its own id for revocation. */
export interface LoanTokenClaims {
  /** `copy_id` */
  readonly copyId: string;
  /** `patron_id` */
  readonly patronId: string;
  /** `loan_id` */
  readonly loanId: string;
  /** `jti`: the id a revocation list refers to. */
  readonly tokenId: string;
  /** `iat` */
  readonly issuedAt: Date;
  /** `exp`: the loan's due instant. */
  readonly expiresAt: Date;
}

/**
 * Signs and checks loan tokens. An implementation pins one signature algorithm and throws AccessError
 * for every token it refuses: expired at `now`, tampered, signed with another algorithm or an unknown key.
 * Revocation is not its concern: the caller checks the `jti` against the store's revocation list.
 */
export interface LoanTokens {
  issue(claims: LoanTokenClaims): Promise<string>;
  verify(token: string, now: Date): Promise<LoanTokenClaims>;
}
