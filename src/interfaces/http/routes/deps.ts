import type { Library } from '../../../Library.js';
import type { MemberPins } from '../../../application/auth/MemberPins.js';
import type { SessionTokens } from '../auth/SessionTokens.js';
import type { StaffTokens } from '../auth/StaffTokens.js';
import type { TokenBucket } from '../auth/TokenBucket.js';

/** What route modules are given. */
export interface HttpDeps {
  readonly library: Library;
  readonly staffTokens: StaffTokens;
  readonly pins: MemberPins;
  readonly sessions: SessionTokens;
  readonly pinAttempts: TokenBucket;
}
