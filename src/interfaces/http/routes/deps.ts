import type { Library } from '../../../Library.js';
import type { MemberPins } from '../../../application/auth/MemberPins.js';
import type { MemberSignIn } from '../auth/MemberSignIn.js';
import type { StaffTokens } from '../auth/StaffTokens.js';

/** What route modules are given. */
export interface HttpDeps {
  readonly library: Library;
  readonly staffTokens: StaffTokens;
  readonly pins: MemberPins;
  readonly memberSignIn: MemberSignIn;
}
