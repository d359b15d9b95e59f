import { AsyncLocalStorage } from 'node:async_hooks';
import { injectable } from 'inversify';
import { requireText } from '../domain/shared/guards.js';

export const SYSTEM_ACTOR = 'system';
/** The scheduled jobs, when nobody in particular runs them. */
export const JOBS_ACTOR = 'system:jobs';

/** Who acted, as the audit log names them: a stable id (`staff:<tokenId>`, `member:<id>`, `librarian:anita`) and, optionally, a readable label. */
export interface Actor {
  readonly id: string;
  readonly label?: string;
}

/** `'librarian:anita'` or `{ id: 'staff:tok_123', label: 'front desk' }`, checked: a non-empty id (and label) of at most 200 characters. */
export function actorFrom(actor: string | Actor): Actor {
  if (typeof actor === 'string') return { id: requireText(actor, 'actor', 200) };
  const id = requireText(actor.id, 'actor', 200);
  return actor.label === undefined ? { id } : { id, label: requireText(actor.label, 'actorLabel', 200) };
}

const SYSTEM: Actor = { id: SYSTEM_ACTOR };

/**
 * Who is acting: `library.as('librarian:anita')` runs each call inside `run(actor, …)`, and every
 * transaction started within it records that actor on its audit entries. Carried by
 * AsyncLocalStorage, so concurrent calls by different actors never see each other's name.
 */
@injectable()
export class ActorContext {
  private readonly storage = new AsyncLocalStorage<Actor>();

  current(): Actor {
    return this.storage.getStore() ?? SYSTEM;
  }

  run<T>(actor: string | Actor, work: () => T): T {
    return this.storage.run(actorFrom(actor), work);
  }

  /** Runs `work` as `actor` unless someone is already acting (then as them): how jobs name themselves when nobody ran them. */
  runUnlessActing<T>(actor: string | Actor, work: () => T): T {
    return this.storage.getStore() === undefined ? this.run(actor, work) : work();
  }

  /** A view of `target` whose every method runs as `actor`. */
  actingAs<T extends object>(target: T, actor: string | Actor): T {
    const checked = actorFrom(actor);
    return new Proxy(target, {
      get: (object, key) => {
        const value: unknown = Reflect.get(object, key, object);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => this.storage.run(checked, () => (value as (...a: unknown[]) => unknown).apply(object, args));
      },
    });
  }
}
