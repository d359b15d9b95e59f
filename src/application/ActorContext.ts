import { AsyncLocalStorage } from 'node:async_hooks';
import { injectable } from 'inversify';
import { requireText } from '../domain/shared/guards.js';

export const SYSTEM_ACTOR = 'system';

/**
 * Who is acting: `library.as('librarian:anita')` runs each call inside `run(actor, …)`, and every
 * transaction started within it records that actor on its audit entries. Carried by
 * AsyncLocalStorage, so concurrent calls by different actors never see each other's name.
 */
@injectable()
export class ActorContext {
  private readonly storage = new AsyncLocalStorage<string>();

  current(): string {
    return this.storage.getStore() ?? SYSTEM_ACTOR;
  }

  run<T>(actor: string, work: () => T): T {
    return this.storage.run(requireText(actor, 'actor', 200), work);
  }

  /** A view of `target` whose every method runs as `actor`. */
  actingAs<T extends object>(target: T, actor: string): T {
    const name = requireText(actor, 'actor', 200);
    return new Proxy(target, {
      get: (object, key) => {
        const value: unknown = Reflect.get(object, key, object);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => this.run(name, () => (value as (...a: unknown[]) => unknown).apply(object, args));
      },
    });
  }
}
