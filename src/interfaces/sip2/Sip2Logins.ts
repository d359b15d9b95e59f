import type { SecretHasher } from '../../application/auth/SecretHasher.js';
import type { Sip2AccountRecord, Sip2Accounts } from '../../application/ports/Sip2Accounts.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';
import { isRequestCommand, type RequestCommand } from './codec/layouts.js';

/** What a new SIP2 login is given: the password in clear (only its hash is stored) and the messages it may send. */
export interface Sip2AccountInput {
  readonly user: string;
  readonly password: string;
  readonly location: string;
  readonly allowedMessages: readonly string[];
}

const USER = /^[\x21-\x7b\x7d\x7e]{1,64}$/; // printable ASCII without "|"

/** Adds (or replaces) a SIP2 login, checked: a user id without spaces or "|", a password, a branch, known command codes. */
export async function addSip2Account(accounts: Sip2Accounts, hasher: SecretHasher, clock: Clock, input: Sip2AccountInput, implemented: readonly RequestCommand[]): Promise<Sip2AccountRecord> {
  if (!USER.test(input.user)) throw new ValidationError('a SIP2 user is 1 to 64 printable characters without spaces or "|"', { field: 'user' });
  if (input.password.length === 0 || input.password.includes('|')) throw new ValidationError('a SIP2 password is not empty and has no "|"', { field: 'password' });
  if (input.location.trim().length === 0) throw new ValidationError('a SIP2 account stands in a branch (location)', { field: 'location' });
  for (const code of input.allowedMessages) {
    if (!isRequestCommand(code) || !implemented.includes(code)) throw new ValidationError(`"${code}" is not a SIP2 message this server answers`, { field: 'allowedMessages', code });
  }
  const record: Sip2AccountRecord = {
    user: input.user,
    passwordHash: await hasher.hash(input.password),
    location: input.location.trim(),
    allowedMessages: [...new Set(input.allowedMessages)].sort(),
    createdAt: clock.now().toISOString(),
  };
  await accounts.save(record);
  return record;
}

/** Signs kiosks in against the stored logins, and bounds how many connections each account holds at once. */
export class Sip2Logins {
  private readonly open = new Map<string, number>();

  constructor(
    private readonly accounts: Sip2Accounts,
    private readonly hasher: SecretHasher,
    private readonly maxConnectionsPerAccount: number,
  ) {}

  /** The account the user and password prove, or null; an unknown user costs the same hashing time as a wrong password. */
  async verify(user: string, password: string): Promise<Sip2AccountRecord | null> {
    const account = user === '' ? null : await this.accounts.find(user);
    if (!account) {
      await this.hasher.burn(password);
      return null;
    }
    return (await this.hasher.verify(password, account.passwordHash)) ? account : null;
  }

  /** Takes one of the account's connection places; false when all are taken. */
  claim(user: string): boolean {
    const held = this.open.get(user) ?? 0;
    if (held >= this.maxConnectionsPerAccount) return false;
    this.open.set(user, held + 1);
    return true;
  }

  release(user: string): void {
    const held = (this.open.get(user) ?? 0) - 1;
    if (held > 0) this.open.set(user, held);
    else this.open.delete(user);
  }

  connectionsOf(user: string): number {
    return this.open.get(user) ?? 0;
  }
}
