export { Library, type LibraryOptions, type LibraryActions } from './Library.js';

// Domain model
export { Book, type BookDescription, type BookPrimitives } from './domain/catalog/Book.js';
export { BookItem, BOOK_ITEM_TRANSITIONS, type BookItemStatus, type BookItemCommand, type Hold } from './domain/catalog/BookItem.js';
export { Isbn } from './domain/catalog/Isbn.js';
export { Branch, DEFAULT_HOLD_SHELF, type BranchDescription, type BranchPrimitives } from './domain/catalog/Branch.js';
export { CatalogIdentifier, IDENTIFIER_SCHEMES, type IdentifierScheme } from './domain/catalog/CatalogIdentifier.js';
export { RecordId } from './domain/catalog/RecordId.js';
export { MATERIAL_TYPES, isMaterialType, type MaterialType } from './domain/catalog/MaterialType.js';
export {
  Member,
  MEMBER_TYPES,
  MEMBER_PLANS,
  CONTACT_CHANNELS,
  type MemberType,
  type MemberPlan,
  type MemberStatus,
  type MemberContact,
  type ContactChannel,
} from './domain/members/Member.js';
export { Loan, LOAN_TRANSITIONS, type LoanStatus } from './domain/lending/Loan.js';
export { reminderDue, calendarDaysBetween, NO_REMINDERS, type ReminderSchedule, type LoanReminder, type LoanDueSoon, type LoanOverdue } from './domain/lending/Reminders.js';
export { Reservation, RESERVATION_TRANSITIONS, type ReservationStatus } from './domain/reservations/Reservation.js';
export { ReservationQueue } from './domain/reservations/ReservationQueue.js';
export { HOLD_FORMATS, type HoldFormat, type HoldMedium } from './domain/reservations/Reservation.js';
export { estimateWaitDays } from './domain/reservations/WaitEstimate.js';
export {
  DigitalCopy,
  DIGITAL_FORMATS,
  DRM_TYPES,
  LICENSE_TRANSITIONS,
  type DigitalCopyDescription,
  type DigitalFormat,
  type DrmType,
  type LicenseState,
  type PoolStatus,
} from './domain/digital/DigitalCopy.js';
export { DigitalLoan, DIGITAL_LOAN_TRANSITIONS, type DigitalLoanStatus } from './domain/digital/DigitalLoan.js';
export { LicenseTerms, type LicenseTermsInput } from './domain/digital/LicenseTerms.js';
export { DEFAULT_DIGITAL_RULES, digitalLendingRules, type DigitalLendingRules } from './domain/digital/DigitalLendingRules.js';
export { FineLedger } from './domain/fines/FineLedger.js';
export { FINE_ACCRUALS, FINE_ACCRUAL_TRANSITIONS, type FineAccrual, type FineAccrualName, type FineAccrualState } from './domain/fines/FineAccrual.js';
export { DUE_DATE_CAPS, type DueDateCap, type DueDateCapName } from './domain/policy/DueDateCap.js';
export { cardExpiryNoticeDue, type CardExpiring } from './domain/members/CardExpiry.js';
export { CappedFine, FlatRateFine, GraceDaysFine, NoFine, type FineStrategy, type LateReturn } from './domain/fines/FineStrategy.js';
export { CirculationPolicy, type CirculationRule, type PolicyDefinition, type PolicyEntry, type ResolvedRule } from './domain/policy/CirculationPolicy.js';
export type { FineRule, FineCap } from './domain/policy/FineRule.js';
export { POLICY_PRESETS, policyPreset, CITY_POLICY, NETWORK_POLICY, COLLEGE_POLICY, DESK_POLICY, type PolicyPresetName } from './domain/policy/presets.js';
export { Money, type MoneyPrimitives } from './domain/shared/Money.js';
export { LOAN_CATEGORIES, type LoanCategory } from './domain/catalog/LoanCategory.js';
export { MATCH_WEIGHTS, type RuleMatch, type RuleContext, type RuleSelection, type CandidateRule } from './domain/policy/CirculationPolicy.js';
export type { CirculationControls, CalendarControls, RenewalControls, RecallRule, LostItemRule, AutomaticBlockLimits } from './domain/policy/CirculationControls.js';
export { LoanTerms, type DueDate } from './domain/policy/LoanTerms.js';
export { GracePeriodFine, type GraceCountFrom } from './domain/fines/FineStrategy.js';
export { BranchCalendar, type CalendarDefinition, type Closure, type OpeningHours } from './domain/calendar/BranchCalendar.js';
export { LocalDate, WEEKDAYS, type Weekday } from './domain/calendar/LocalDate.js';
export { TimeZone, LocalTime } from './domain/calendar/TimeZone.js';
export { DUE_DATE_ADJUSTMENTS, type DueDateAdjustment, type DueDateAdjustmentName } from './domain/calendar/DueDateAdjustment.js';
export { LATE_DAY_COUNTING, type LateDayCounting, type LateDayCountingName } from './domain/calendar/LateDayCounting.js';
export { CalendarError, type CalendarErrorCode } from './domain/calendar/CalendarError.js';
export { BLOCK_ACTIONS, type BlockAction, type ManualBlock } from './domain/members/ManualBlock.js';
export type { Clock } from './domain/shared/Clock.js';
export type { DomainEvent, DomainEventName, EventOf } from './domain/shared/DomainEvent.js';
export { DOMAIN_EVENT_NAMES } from './domain/shared/DomainEvent.js';

// Errors
export { ShelfmarkError, ValidationError, type ErrorDetails } from './domain/shared/ShelfmarkError.js';
export { CatalogError, type CatalogErrorCode } from './domain/catalog/CatalogError.js';
export { MemberError, type MemberErrorCode } from './domain/members/MemberError.js';
export { LendingError, IllegalTransitionError, type LendingErrorCode } from './domain/lending/LendingError.js';
export { ReservationError, type ReservationErrorCode } from './domain/reservations/ReservationError.js';
export { FineError, type FineErrorCode } from './domain/fines/FineError.js';
export { PolicyError, type PolicyErrorCode } from './domain/policy/PolicyError.js';
export { StoreError, type StoreErrorCode } from './application/StoreError.js';
export { DigitalLendingError, type DigitalLendingErrorCode } from './domain/digital/DigitalLendingError.js';
export { AccessError, type AccessErrorCode } from './domain/digital/AccessError.js';

// Application services and ports
export { CatalogService, type AddCopyCommand, type BookView, type TitleAvailability } from './application/CatalogService.js';
export { CirculationService, type CheckOutCommand, type TitleCheckOutCommand, type ReturnCommand, type RenewCommand, type CopyCondition, type LostReport } from './application/CirculationService.js';
export { ReservationService, type ReserveCommand, type CancelReservationCommand } from './application/ReservationService.js';
export { MemberService, type RegisterMemberCommand } from './application/MemberService.js';
export { BranchService } from './application/BranchService.js';
export { HoldLifecycleService, type SuspendHoldCommand, type ResumeHoldCommand } from './application/HoldLifecycleService.js';
export { CopyStatusService, type CopyMoved } from './application/circulation/CopyStatusService.js';
export { FineService, type PayCommand } from './application/FineService.js';
export { EventBus, type EventHandler, type HandlerFailure } from './application/EventBus.js';
export { AuditLog, type AuditFilter } from './application/AuditLog.js';
export {
  DeskReports,
  MAX_LIST_LIMIT,
  type ActivityPoint,
  type CirculationStatistics,
  type HoldShelfEntry,
  type OverdueList,
  type OverdueLoanView,
} from './application/DeskReports.js';
export { MemberAccounts, type MemberAccountView } from './application/MemberAccounts.js';
export { ACTIVITY_BUCKETS, type ActivityBucket, type ActivityCount, type HoldCounts, type ReportStore } from './application/ports/Reports.js';
export { ActorContext, SYSTEM_ACTOR, JOBS_ACTOR, type Actor } from './application/ActorContext.js';
export { ScheduledJobs, type JobReport } from './application/ScheduledJobs.js';
export { NotificationService } from './application/notifications/NotificationService.js';
export { OutboxDispatcher, type DispatchReport } from './application/notifications/OutboxDispatcher.js';
export type { RetentionOptions } from './application/Retention.js';
export type { PruneReport } from './application/Housekeeping.js';
export { DEFAULT_DISPATCH_OPTIONS, type DispatchOptions } from './application/notifications/DispatchOptions.js';
export { ChannelFactory, type Route } from './application/notifications/ChannelFactory.js';
export type { NoticeObserver, NoticeTrigger, NoticeTriggerName, NoticeContext } from './application/notifications/NoticeObserver.js';
export type * from './application/views.js';
export type * from './application/ports/Store.js';
export type * from './application/ports/SearchIndex.js';
export { MaybeDelivered, UndeliverableNotice, type Notice, type NoticeKind, type NoticeChannel, type Delivery } from './application/ports/NoticeChannel.js';
export type { IdGenerator } from './application/ports/IdGenerator.js';
export type { JobLock } from './application/ports/JobLock.js';
export type { CalendarRepository } from './application/ports/CalendarRepository.js';
export type { CredentialStore, StaffTokenRecord, PinRecord, PinFailure } from './application/ports/CredentialStore.js';
export type { IdempotencyStore, IdempotencyClaim, IdempotencyClaimRequest, StoredResponse } from './application/ports/IdempotencyStore.js';
export { RuleBook, type StaffOverride } from './application/rules/RuleBook.js';
export type { Explanation } from './application/rules/RuleExplainer.js';
export { RecallService, type RecallReceipt } from './application/rules/RecallService.js';
export { ClaimsReturnedService } from './application/rules/ClaimsReturnedService.js';
export { LostItemService } from './application/rules/LostItemService.js';
export type { LostSettlement, FoundReport } from './application/rules/LostItemSettlement.js';
export { PatronBlockService, type PlaceBlockCommand, type StandingView } from './application/rules/PatronBlockService.js';
export { CalendarService, type EmergencyClosureCommand, type EmergencyClosureReport, type ShiftedDate } from './application/rules/CalendarService.js';
export { DigitalLendingService, type BorrowDigitalCommand, type DigitalLoanCommand, type RevokeDigitalLoanCommand } from './application/digital/DigitalLendingService.js';
export { DigitalCatalogService } from './application/digital/DigitalCatalogService.js';
export { WaitEstimator } from './application/digital/WaitEstimator.js';
export type * from './application/digital/views.js';
export type { LoanTokens, LoanTokenClaims } from './application/ports/LoanTokens.js';
export type { DownloadLinks, DownloadRequest } from './application/ports/DownloadLinks.js';

// Adapters
export { InMemoryStore } from './infrastructure/memory/InMemoryStore.js';
export { InMemoryJobLock } from './infrastructure/memory/InMemoryJobLock.js';
export { SqlStore, type SqlStoreOptions } from './infrastructure/sql/SqlStore.js';
export { PgDriver } from './infrastructure/sql/PgDriver.js';
export { PGliteDriver } from './infrastructure/sql/PGliteDriver.js';
export type { SqlDriver, SqlSession, SqlResult, SqlRow } from './infrastructure/sql/SqlDriver.js';
export { migrate, bundledMigrations, type Migration } from './infrastructure/sql/Migrator.js';
export { PostgresSearchIndex } from './infrastructure/sql/PostgresSearchIndex.js';
export { SqlJobLock } from './infrastructure/sql/SqlJobLock.js';
export type { StoreChoice } from './composition/stores.js';
export { InMemoryCalendars } from './infrastructure/memory/InMemoryCalendars.js';
export { InMemoryCredentialStore } from './infrastructure/memory/InMemoryCredentialStore.js';
export { InMemoryIdempotencyStore } from './infrastructure/memory/InMemoryIdempotencyStore.js';
export { SqlCalendars } from './infrastructure/sql/SqlCalendars.js';
export { SqlCredentialStore } from './infrastructure/sql/SqlCredentialStore.js';
export { SqlIdempotencyStore } from './infrastructure/sql/SqlIdempotencyStore.js';
export { RecordingChannel, type RecordingChannelOptions } from './infrastructure/notify/RecordingChannel.js';
export { EmailChannel, type EmailChannelOptions } from './infrastructure/notify/EmailChannel.js';
export { WebhookChannel, type WebhookChannelOptions, type WebhookPayload } from './infrastructure/notify/WebhookChannel.js';
export { FixedClock } from './infrastructure/system/FixedClock.js';
export { SystemClock } from './infrastructure/system/SystemClock.js';
export { SequentialIdGenerator, UuidGenerator } from './infrastructure/system/ids.js';
export { ERROR_CODES_BY_AREA, type ErrorArea, type ErrorCode } from './errors.js';

// The lending desk: string answers and integer days over the same engine
export { LendingDesk, type LendingDeskOptions } from './interfaces/desk/LendingDesk.js';
export { DeskCalendar } from './interfaces/desk/DeskCalendar.js';
export type { AddBookResult, RegisterUserResult, UnregisterUserResult, RequestBorrowResult, ReturnBookResult, DeskRefusal } from './interfaces/desk/results.js';
export { JoseLoanTokens, LOAN_TOKEN_TYPE } from './infrastructure/tokens/JoseLoanTokens.js';
export { LoanTokenKeyRing, LOAN_TOKEN_ALGORITHM, type LoanTokenKey } from './infrastructure/tokens/LoanTokenKeyRing.js';
export { HmacDownloadLinks, type VerifiedDownload } from './infrastructure/tokens/HmacDownloadLinks.js';
