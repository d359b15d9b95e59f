import type { Library } from '../../../Library.js';
import type { PinLogin } from '../auth/PinLogin.js';
import type { StaffTokens } from '../auth/StaffTokens.js';
import type { TokenBucket } from '../auth/TokenBucket.js';

/** What route modules are given. */
export interface HttpDeps {
  readonly library: Library;
  readonly staffTokens: StaffTokens;
  readonly pins: PinLogin;
  readonly pinAttempts: TokenBucket;
}
