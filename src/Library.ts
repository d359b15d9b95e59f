import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Container } from 'inversify';
import { CatalogService } from './application/CatalogService.js';
import { CirculationService } from './application/CirculationService.js';
import { DigitalCatalogService } from './application/digital/DigitalCatalogService.js';
import { DigitalLendingService } from './application/digital/DigitalLendingService.js';
import { WaitEstimator } from './application/digital/WaitEstimator.js';
import { EventBus } from './application/EventBus.js';
import { FineService } from './application/FineService.js';
import { MemberService } from './application/MemberService.js';
import { NotificationService } from './application/notifications/NotificationService.js';
import type { DownloadLinks } from './application/ports/DownloadLinks.js';
import type { IdGenerator } from './application/ports/IdGenerator.js';
import type { LoanTokens } from './application/ports/LoanTokens.js';
import type { Notifier } from './application/ports/Notifier.js';
import type { Store } from './application/ports/Store.js';
import { ReservationService } from './application/ReservationService.js';
import type { CalendarRepository } from './application/ports/CalendarRepository.js';
import { CalendarService } from './application/rules/CalendarService.js';
import { ClaimsReturnedService } from './application/rules/ClaimsReturnedService.js';
import { LostItemService } from './application/rules/LostItemService.js';
import { PatronBlockService } from './application/rules/PatronBlockService.js';
import { RecallService } from './application/rules/RecallService.js';
import { RuleExplainer, type Explanation } from './application/rules/RuleExplainer.js';
import { InMemoryCalendars } from './infrastructure/memory/InMemoryCalendars.js';
import { TOKENS } from './application/tokens.js';
import { applicationModule, infrastructureModule } from './composition/modules.js';
import { openStore, type StoreChoice } from './composition/stores.js';
import { digitalLendingRules, type DigitalLendingRules } from './domain/digital/DigitalLendingRules.js';
import { CirculationPolicy, type PolicyDefinition } from './domain/policy/CirculationPolicy.js';
import { policyPreset, type PolicyPresetName } from './domain/policy/presets.js';
import type { Clock } from './domain/shared/Clock.js';
import { RecordingNotifier } from './infrastructure/notify/RecordingNotifier.js';
import { UuidGenerator } from './infrastructure/system/ids.js';
import { HmacDownloadLinks } from './infrastructure/tokens/HmacDownloadLinks.js';
import { JoseLoanTokens } from './infrastructure/tokens/JoseLoanTokens.js';
import { LoanTokenKeyRing } from './infrastructure/tokens/LoanTokenKeyRing.js';
import { SystemClock } from './infrastructure/system/SystemClock.js';

export interface LibraryOptions {
  /** Where state lives: a Store, `{ postgres: url }` or `{ pglite: dir | null }`. Default: a fresh in-memory store. */
  readonly store?: StoreChoice;
  /** The only source of "now". Default: the system clock. */
  readonly clock?: Clock;
  /** A preset name (`college`, `city`, `network`, `desk`) or a full policy definition. Default: `college`. */
  readonly policy?: PolicyPresetName | PolicyDefinition;
  /** Where notices go. Default: a RecordingNotifier you can read back. */
  readonly notifier?: Notifier;
  readonly ids?: IdGenerator;
  /** How many times a use case is re-run after losing an optimistic race. Default: 100. */
  readonly retryLimit?: number;
  /** Where branch calendars live. Default: in memory, starting from the policy's `calendars`. */
  readonly calendars?: CalendarRepository;
  /** Signs and verifies e-book loan tokens. Default: EdDSA with a key made at start-up (tokens die with the process). */
  readonly loanTokens?: LoanTokens;
  /** Signs download URLs. Default: HMAC-SHA256 with a secret made at start-up, on a placeholder host. */
  readonly downloadLinks?: DownloadLinks;
  /** Loan length, claim window and limits of digital lending. Default: seed 000 (14 days, 24 hours). */
  readonly digital?: Partial<DigitalLendingRules>;
}

/**
 * The root of one library: catalog, members, circulation, reservations, fines and events,
 * wired by an inversify container. `Library.getInstance()` is the process-wide one;
 * `Library.create()` makes isolated instances (tests, several libraries in one process).
 */
export class Library {
  private static instance: Library | null = null;

  readonly catalog: CatalogService;
  readonly members: MemberService;
  readonly circulation: CirculationService;
  readonly reservations: ReservationService;
  readonly fines: FineService;
  /** E-loans: borrow, early return, renewal, token checks and the expiry sweeps. */
  readonly digital: DigitalLendingService;
  /** Digital copies and their license pools. */
  readonly digitalCatalog: DigitalCatalogService;
  /** Wait estimates for holds in the one queue of print and digital. */
  readonly waits: WaitEstimator;
  readonly events: EventBus;
  readonly policy: CirculationPolicy;
  readonly clock: Clock;
  readonly notifier: Notifier;
  /** Recalls of titles whose copies are all out. */
  readonly recalls: RecallService;
  /** Claims returned: stop fines, then resolve as found on the shelf or returned by the member. */
  readonly claims: ClaimsReturnedService;
  /** Aging overdue loans to lost (for the jobs) and declaring copies lost. */
  readonly lostItems: LostItemService;
  /** Manual patron blocks and each member's standing. */
  readonly blocks: PatronBlockService;
  /** Branch calendars and emergency closures. */
  readonly calendars: CalendarService;
  private readonly explainer: RuleExplainer;

  private constructor(
    private readonly container: Container,
    private readonly store: Store,
  ) {
    this.catalog = container.get(CatalogService);
    this.members = container.get(MemberService);
    this.circulation = container.get(CirculationService);
    this.reservations = container.get(ReservationService);
    this.fines = container.get(FineService);
    this.digital = container.get(DigitalLendingService);
    this.digitalCatalog = container.get(DigitalCatalogService);
    this.waits = container.get(WaitEstimator);
    this.events = container.get(EventBus);
    this.policy = container.get(TOKENS.Policy);
    this.clock = container.get(TOKENS.Clock);
    this.notifier = container.get(TOKENS.Notifier);
    this.recalls = container.get(RecallService);
    this.claims = container.get(ClaimsReturnedService);
    this.lostItems = container.get(LostItemService);
    this.blocks = container.get(PatronBlockService);
    this.calendars = container.get(CalendarService);
    this.explainer = container.get(RuleExplainer);
    container.get(NotificationService).start();
  }

  static create(options: LibraryOptions = {}): Library {
    const definition = typeof options.policy === 'string' ? policyPreset(options.policy) : (options.policy ?? policyPreset('college'));
    const store = openStore(options.store);
    const policy = new CirculationPolicy(definition);
    const container = new Container();
    container.load(
      applicationModule,
      infrastructureModule({
        clock: options.clock ?? new SystemClock(),
        store,
        ids: options.ids ?? new UuidGenerator(),
        policy,
        notifier: options.notifier ?? new RecordingNotifier(),
        retryLimit: options.retryLimit ?? 100,
        calendars: options.calendars ?? new InMemoryCalendars((branch) => policy.calendarFor(branch)),
        loanTokens: options.loanTokens ?? new JoseLoanTokens(LoanTokenKeyRing.ephemeral()),
        downloadLinks: options.downloadLinks ?? new HmacDownloadLinks(randomBytes(32), 'https://downloads.shelfmark.invalid'),
        digitalRules: digitalLendingRules(options.digital),
      }),
    );
    return new Library(container, store);
  }

  /** Configures the process-wide library; allowed once, before the first `getInstance()`. */
  static configure(options: LibraryOptions): Library {
    if (Library.instance) throw new Error('the process-wide Library is already configured; use Library.create() for another one');
    Library.instance = Library.create(options);
    return Library.instance;
  }

  /** The process-wide library, created with defaults on first use unless configured before. */
  static getInstance(): Library {
    Library.instance ??= Library.create();
    return Library.instance;
  }

  /** Which rule applies to this member borrowing this copy now, why, and the due date, fine and limits it gives. */
  explain(query: { readonly memberId: string; readonly barcode: string }): Promise<Explanation> {
    return this.explainer.explain(query);
  }

  /** Waits until every observer started so far has finished (notices sent, indexes updated). */
  idle(): Promise<void> {
    return this.events.idle();
  }

  async close(): Promise<void> {
    this.container.get(NotificationService).stop();
    await this.events.idle();
    await this.store.close();
    if (Library.instance === this) Library.instance = null;
  }
}
