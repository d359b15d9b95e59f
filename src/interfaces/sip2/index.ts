/** `shelfmark/sip2`: the SIP2 server for self-check kiosks and sorters, and what embedding it needs. */
export { createSip2Server, type Sip2Server, type Sip2ServerOptions } from './createSip2Server.js';
export { addSip2Account, Sip2Logins, type Sip2AccountInput } from './Sip2Logins.js';
export { DEFAULT_ALLOWED_MESSAGES, IMPLEMENTED_MESSAGES } from './handlers/index.js';
export { seedSip2Demo, SIP2_DEMO } from './demo.js';
export { Sip2Error, SIP2_ERROR_CODES, type Sip2ErrorCode } from './Sip2Error.js';
export { SIP2_ENCODINGS, type Sip2Encoding } from './codec/frame.js';
export type { Sip2AccountRecord, Sip2Accounts } from '../../application/ports/Sip2Accounts.js';
