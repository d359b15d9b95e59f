import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Container } from 'inversify';
import { ActorContext, JOBS_ACTOR, type Actor } from './application/ActorContext.js';
import { AuditLog } from './application/AuditLog.js';
import { DeskReports } from './application/DeskReports.js';
import { MemberAccounts } from './application/MemberAccounts.js';
import { CatalogService } from './application/CatalogService.js';
import { CirculationService } from './application/CirculationService.js';
import { DigitalCatalogService } from './application/digital/DigitalCatalogService.js';
import { DigitalLendingService } from './application/digital/DigitalLendingService.js';
import { WaitEstimator } from './application/digital/WaitEstimator.js';
import { EventBus } from './application/EventBus.js';
import { FineService } from './application/FineService.js';
import { MemberService } from './application/MemberService.js';
import { OutboxDispatcher } from './application/notifications/OutboxDispatcher.js';
import type { Store } from './application/ports/Store.js';
import { ReservationService } from './application/ReservationService.js';
import { BranchService } from './application/BranchService.js';
import { HoldLifecycleService } from './application/HoldLifecycleService.js';
import { CopyStatusService } from './application/circulation/CopyStatusService.js';
import type { CredentialStore } from './application/ports/CredentialStore.js';
import type { IdempotencyStore } from './application/ports/IdempotencyStore.js';
import type { Sip2Accounts } from './application/ports/Sip2Accounts.js';
import { CalendarService } from './application/rules/CalendarService.js';
import { ClaimsReturnedService } from './application/rules/ClaimsReturnedService.js';
import { LostItemService } from './application/rules/LostItemService.js';
import { PatronBlockService } from './application/rules/PatronBlockService.js';
import { RecallService } from './application/rules/RecallService.js';
import { RuleExplainer, type Explanation } from './application/rules/RuleExplainer.js';
import { ScheduledJobs, type JobReport } from './application/ScheduledJobs.js';
import { TOKENS } from './application/tokens.js';
import { applicationModule, infrastructureModule } from './composition/modules.js';
import { openStateStores } from './composition/stateStores.js';
import { jobLockFor, openSearchIndex, openStore } from './composition/stores.js';
import { SearchIndexer } from './application/SearchIndexer.js';
import { digitalLendingRules } from './domain/digital/DigitalLendingRules.js';
import { CirculationPolicy } from './domain/policy/CirculationPolicy.js';
import { policyPreset } from './domain/policy/presets.js';
import type { Clock } from './domain/shared/Clock.js';
import { RecordingChannel } from './infrastructure/notify/RecordingChannel.js';
import { UuidGenerator } from './infrastructure/system/ids.js';
import { HmacDownloadLinks } from './infrastructure/tokens/HmacDownloadLinks.js';
import { JoseLoanTokens } from './infrastructure/tokens/JoseLoanTokens.js';
import { LoanTokenKeyRing } from './infrastructure/tokens/LoanTokenKeyRing.js';
import { SystemClock } from './infrastructure/system/SystemClock.js';
import type { LibraryOptions } from './LibraryOptions.js';

export type { LibraryOptions } from './LibraryOptions.js';


/** What a member of staff (or a job) can do; `library.as(actor)` returns these, acting as `actor`. */
export interface LibraryActions {
  readonly catalog: CatalogService;
  readonly members: MemberService;
  readonly circulation: CirculationService;
  readonly reservations: ReservationService;
  /** Suspend and resume holds; the sweeps that wake suspended holds and lapse unneeded ones. */
  readonly holds: HoldLifecycleService;
  /** Branches: each with its name, hold shelf and calendar time zone. */
  readonly branches: BranchService;
  /** A copy's staff transitions: receive in transit, damaged, repair, missing. */
  readonly copies: CopyStatusService;
  readonly fines: FineService;
  /** E-loans: borrow, early return, renewal, token checks and the expiry sweeps. */
  readonly digital: DigitalLendingService;
  /** Digital copies and their license pools. */
  readonly digitalCatalog: DigitalCatalogService;
  /** Wait estimates for holds in the one queue of print and digital. */
  readonly waits: WaitEstimator;
  /** Expires pickup windows, declares long-overdue loans lost and queues reminders; safe to run twice. */
  runDueJobs(): Promise<JobReport>;
}

/**
 * The root of one library: catalog, members, circulation, reservations, fines and events,
 * wired by an inversify container. `Library.getInstance()` is the process-wide one;
 * `Library.create()` makes isolated instances (tests, several libraries in one process).
 */
export class Library implements LibraryActions {
  private static instance: Library | null = null;

  readonly catalog: CatalogService;
  readonly members: MemberService;
  readonly circulation: CirculationService;
  readonly reservations: ReservationService;
  /** Suspend and resume holds; the sweeps that wake suspended holds and lapse unneeded ones. */
  readonly holds: HoldLifecycleService;
  /** Branches: each with its name, hold shelf and calendar time zone. */
  readonly branches: BranchService;
  /** A copy's staff transitions: receive in transit, damaged, repair, missing. */
  readonly copies: CopyStatusService;
  readonly fines: FineService;
  /** E-loans: borrow, early return, renewal, token checks and the expiry sweeps. */
  readonly digital: DigitalLendingService;
  /** Digital copies and their license pools. */
  readonly digitalCatalog: DigitalCatalogService;
  /** Wait estimates for holds in the one queue of print and digital. */
  readonly waits: WaitEstimator;
  readonly events: EventBus;
  /** Append-only record of every committed change, with actor and time: `library.audit.query({ memberId })`. */
  readonly audit: AuditLog;
  /** The desk's lists (overdue loans, hold shelf) and the dashboard's figures, read-only. */
  readonly reports: DeskReports;
  /** A member's account as the desk shows it: loans with days overdue, fines, holds and blocks. */
  readonly accounts: MemberAccounts;
  /** The outbox and its dispatcher: `dispatch()`, `list()`, `deadLetters()`, `start()` to poll. */
  readonly notifications: OutboxDispatcher;
  readonly policy: CirculationPolicy;
  readonly clock: Clock;
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
  /** Staff tokens and member PINs, where the library keeps its data: what `createServer(library)` authenticates against. */
  readonly credentials: CredentialStore;
  /** Idempotency-Key records, where the library keeps its data: what `createServer(library)` replays retries from. */
  readonly idempotency: IdempotencyStore;
  /** SIP2 kiosk logins, where the library keeps its data: what `createSip2Server(library)` signs kiosks in against. */
  readonly sip2Accounts: Sip2Accounts;
  private readonly explainer: RuleExplainer;

  private constructor(
    private readonly container: Container,
    private readonly store: Store,
    state: { readonly credentials: CredentialStore; readonly idempotency: IdempotencyStore; readonly sip2Accounts: Sip2Accounts },
  ) {
    this.credentials = state.credentials;
    this.idempotency = state.idempotency;
    this.sip2Accounts = state.sip2Accounts;
    this.catalog = container.get(CatalogService);
    this.members = container.get(MemberService);
    this.circulation = container.get(CirculationService);
    this.reservations = container.get(ReservationService);
    this.holds = container.get(HoldLifecycleService);
    this.branches = container.get(BranchService);
    this.copies = container.get(CopyStatusService);
    this.fines = container.get(FineService);
    this.digital = container.get(DigitalLendingService);
    this.digitalCatalog = container.get(DigitalCatalogService);
    this.waits = container.get(WaitEstimator);
    this.events = container.get(EventBus);
    this.audit = container.get(AuditLog);
    this.reports = container.get(DeskReports);
    this.accounts = container.get(MemberAccounts);
    this.notifications = container.get(OutboxDispatcher);
    this.policy = container.get(TOKENS.Policy);
    this.clock = container.get(TOKENS.Clock);
    this.recalls = container.get(RecallService);
    this.claims = container.get(ClaimsReturnedService);
    this.lostItems = container.get(LostItemService);
    this.blocks = container.get(PatronBlockService);
    this.calendars = container.get(CalendarService);
    this.explainer = container.get(RuleExplainer);
    container.get(SearchIndexer); // subscribes the search index to catalogue changes
  }

  static create(options: LibraryOptions = {}): Library {
    const definition = typeof options.policy === 'string' ? policyPreset(options.policy) : (options.policy ?? policyPreset('college'));
    const store = openStore(options.store);
    const policy = new CirculationPolicy(definition);
    const clock = options.clock ?? new SystemClock();
    const state = openStateStores(store, clock, (branch) => policy.calendarFor(branch), options);
    const search = openSearchIndex(store, { index: options.search, engine: options.searchEngine, feed: options.searchFeed }, clock);
    const container = new Container();
    container.load(
      applicationModule,
      infrastructureModule({
        clock,
        store,
        ids: options.ids ?? new UuidGenerator(),
        policy,
        channels: options.channels ?? [new RecordingChannel()],
        dispatch: options.notifications ?? {},
        retryLimit: options.retryLimit ?? 100,
        search: search.index,
        catalogueFeed: search.feed,
        calendars: state.calendars,
        loanTokens: options.loanTokens ?? new JoseLoanTokens(LoanTokenKeyRing.ephemeral()),
        downloadLinks: options.downloadLinks ?? new HmacDownloadLinks(randomBytes(32), 'https://downloads.shelfmark.invalid'),
        digitalRules: digitalLendingRules(options.digital),
        jobLock: jobLockFor(store),
        idempotency: state.idempotency,
        retention: options.retention ?? {},
      }),
    );
    return new Library(container, store, state);
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

  /**
   * The same library, acting as `actor` (e.g. `'librarian:anita'`, or `{ id: 'staff:tok_123', label: 'front desk' }`):
   * every change it makes is audited under that name. Default actor: `'system'`; the jobs, run by nobody in particular: `'system:jobs'`.
   */
  as(actor: string | Actor): LibraryActions {
    const actors = this.container.get(ActorContext);
    return {
      catalog: actors.actingAs(this.catalog, actor),
      members: actors.actingAs(this.members, actor),
      circulation: actors.actingAs(this.circulation, actor),
      reservations: actors.actingAs(this.reservations, actor),
      holds: actors.actingAs(this.holds, actor),
      branches: actors.actingAs(this.branches, actor),
      copies: actors.actingAs(this.copies, actor),
      fines: actors.actingAs(this.fines, actor),
      digital: actors.actingAs(this.digital, actor),
      digitalCatalog: actors.actingAs(this.digitalCatalog, actor),
      waits: actors.actingAs(this.waits, actor),
      runDueJobs: () => actors.run(actor, () => this.runDueJobs()),
    };
  }

  runDueJobs(): Promise<JobReport> {
    return this.container.get(ActorContext).runUnlessActing(JOBS_ACTOR, () => this.container.get(ScheduledJobs).runDueJobs());
  }

  /** Waits until every event handler started so far has finished and every notice due now has been delivered (or failed and rescheduled). */
  async idle(): Promise<void> {
    await this.events.idle();
    await this.notifications.dispatch();
  }

  /**
   * Builds the search index now rather than at the first search: with a SQL store and the in-process engine, streams
   * the catalogue from the database and starts following its changes (what `serve` does before it listens).
   */
  searchReady(): Promise<void> {
    return this.container.get(SearchIndexer).ready();
  }

  /** Stops delivering (what is still in the outbox stays there for the next start), stops following search changes, then closes the store. */
  async close(): Promise<void> {
    await this.notifications.close();
    await this.events.idle();
    await this.container.get(SearchIndexer).close();
    await this.store.close();
    if (Library.instance === this) Library.instance = null;
  }
}
