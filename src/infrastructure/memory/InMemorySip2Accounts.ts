import type { Sip2AccountRecord, Sip2Accounts } from '../../application/ports/Sip2Accounts.js';

/** SIP2 login accounts in process memory: for tests, demos and a single-process server. */
export class InMemorySip2Accounts implements Sip2Accounts {
  private readonly accounts = new Map<string, Sip2AccountRecord>();

  save(account: Sip2AccountRecord): Promise<void> {
    this.accounts.set(account.user, { ...account, allowedMessages: [...account.allowedMessages] });
    return Promise.resolve();
  }
  find(user: string): Promise<Sip2AccountRecord | null> {
    return Promise.resolve(this.accounts.get(user) ?? null);
  }
  list(): Promise<Sip2AccountRecord[]> {
    return Promise.resolve([...this.accounts.values()].sort((a, b) => a.user.localeCompare(b.user)));
  }
  remove(user: string): Promise<boolean> {
    return Promise.resolve(this.accounts.delete(user));
  }
}
