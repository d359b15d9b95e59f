import { ContainerModule } from 'inversify';
import { ActorContext } from '../application/ActorContext.js';
import { AuditLog } from '../application/AuditLog.js';
import { CatalogService } from '../application/CatalogService.js';
import { CheckOutService } from '../application/circulation/CheckOutService.js';
import { RenewalService } from '../application/circulation/RenewalService.js';
import { ReturnService } from '../application/circulation/ReturnService.js';
import { CirculationService } from '../application/CirculationService.js';
import { CommitJournal } from '../application/CommitJournal.js';
import { ContentDelivery } from '../application/digital/ContentDelivery.js';
import { DigitalCatalogService } from '../application/digital/DigitalCatalogService.js';
import { DigitalHoldAllocator } from '../application/digital/DigitalHoldAllocator.js';
import { DigitalLoanEnding } from '../application/digital/DigitalLoanEnding.js';
import { DigitalLendingService } from '../application/digital/DigitalLendingService.js';
import { WaitEstimator } from '../application/digital/WaitEstimator.js';
import { EventBus } from '../application/EventBus.js';
import { FineService } from '../application/FineService.js';
import { HoldAllocator } from '../application/HoldAllocator.js';
import { MemberService } from '../application/MemberService.js';
import { ChannelFactory } from '../application/notifications/ChannelFactory.js';
import type { DispatchOptions } from '../application/notifications/DispatchOptions.js';
import { NotificationService } from '../application/notifications/NotificationService.js';
import { OutboxDispatcher } from '../application/notifications/OutboxDispatcher.js';
import type { IdGenerator } from '../application/ports/IdGenerator.js';
import type { NoticeChannel } from '../application/ports/NoticeChannel.js';
import type { DownloadLinks } from '../application/ports/DownloadLinks.js';
import type { LoanTokens } from '../application/ports/LoanTokens.js';
import type { JobLock } from '../application/ports/JobLock.js';
import type { IdempotencyStore } from '../application/ports/IdempotencyStore.js';
import { Housekeeping } from '../application/Housekeeping.js';
import type { RetentionOptions } from '../application/Retention.js';
import type { Store } from '../application/ports/Store.js';
import { ReservationService } from '../application/ReservationService.js';
import { SearchIndexer } from '../application/SearchIndexer.js';
import type { SearchIndex } from '../application/ports/SearchIndex.js';
import type { CatalogueFeed } from '../application/ports/CatalogueFeed.js';
import type { CalendarRepository } from '../application/ports/CalendarRepository.js';
import { RULE_TOKENS } from '../application/rules/ruleTokens.js';
import { rulesModule } from './rulesModule.js';
import { ScheduledJobs } from '../application/ScheduledJobs.js';
import { TOKENS } from '../application/tokens.js';
import { UnitOfWork } from '../application/UnitOfWork.js';
import type { DigitalLendingRules } from '../domain/digital/DigitalLendingRules.js';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import type { Clock } from '../domain/shared/Clock.js';

/** The application services: the same for every store. */
export const applicationModule = new ContainerModule(({ bind }) => {
  bind(EventBus).toSelf().inSingletonScope();
  bind(ActorContext).toSelf().inSingletonScope();
  bind(ChannelFactory).toSelf().inSingletonScope();
  bind(NotificationService).toSelf().inSingletonScope();
  bind(OutboxDispatcher).toSelf().inSingletonScope();
  bind(CommitJournal).toSelf().inSingletonScope();
  bind(AuditLog).toSelf().inSingletonScope();
  bind(UnitOfWork).toSelf().inSingletonScope();
  bind(HoldAllocator).toSelf().inSingletonScope();
  bind(CatalogService).toSelf().inSingletonScope();
  bind(MemberService).toSelf().inSingletonScope();
  bind(CheckOutService).toSelf().inSingletonScope();
  bind(ReturnService).toSelf().inSingletonScope();
  bind(RenewalService).toSelf().inSingletonScope();
  bind(CirculationService).toSelf().inSingletonScope();
  bind(ReservationService).toSelf().inSingletonScope();
  bind(FineService).toSelf().inSingletonScope();
  bind(SearchIndexer).toSelf().inSingletonScope();
  rulesModule(bind);
  bind(ScheduledJobs).toSelf().inSingletonScope();
  bind(Housekeeping).toSelf().inSingletonScope();
  bind(DigitalHoldAllocator).toSelf().inSingletonScope();
  bind(DigitalLoanEnding).toSelf().inSingletonScope();
  bind(ContentDelivery).toSelf().inSingletonScope();
  bind(DigitalCatalogService).toSelf().inSingletonScope();
  bind(DigitalLendingService).toSelf().inSingletonScope();
  bind(WaitEstimator).toSelf().inSingletonScope();
});

export interface InfrastructureChoices {
  readonly clock: Clock;
  readonly store: Store;
  readonly ids: IdGenerator;
  readonly policy: CirculationPolicy;
  readonly channels: readonly NoticeChannel[];
  readonly dispatch: DispatchOptions;
  readonly retryLimit: number;
  readonly search: SearchIndex;
  readonly catalogueFeed: CatalogueFeed | null;
  readonly calendars: CalendarRepository;
  readonly loanTokens: LoanTokens;
  readonly downloadLinks: DownloadLinks;
  readonly digitalRules: DigitalLendingRules;
  readonly jobLock: JobLock;
  readonly idempotency: IdempotencyStore;
  readonly retention: RetentionOptions;
}

/** The ports, bound to the adapters a Library was created with. */
export function infrastructureModule(choices: InfrastructureChoices): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Clock).toConstantValue(choices.clock);
    bind(TOKENS.Store).toConstantValue(choices.store);
    bind(TOKENS.IdGenerator).toConstantValue(choices.ids);
    bind(TOKENS.Policy).toConstantValue(choices.policy);
    bind(TOKENS.Channels).toConstantValue(choices.channels);
    bind(TOKENS.DispatchOptions).toConstantValue(choices.dispatch);
    bind(TOKENS.RetryLimit).toConstantValue(choices.retryLimit);
    bind(TOKENS.SearchIndex).toConstantValue(choices.search);
    bind(TOKENS.CatalogueFeed).toConstantValue(choices.catalogueFeed);
    bind(RULE_TOKENS.Calendars).toConstantValue(choices.calendars);
    bind(TOKENS.LoanTokens).toConstantValue(choices.loanTokens);
    bind(TOKENS.DownloadLinks).toConstantValue(choices.downloadLinks);
    bind(TOKENS.DigitalRules).toConstantValue(choices.digitalRules);
    bind(TOKENS.JobLock).toConstantValue(choices.jobLock);
    bind(TOKENS.IdempotencyStore).toConstantValue(choices.idempotency);
    bind(TOKENS.Retention).toConstantValue(choices.retention);
  });
}
