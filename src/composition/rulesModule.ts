import type { Bind } from 'inversify';
import { CalendarService } from '../application/rules/CalendarService.js';
import { ClaimsReturnedService } from '../application/rules/ClaimsReturnedService.js';
import { FineAccrualService } from '../application/rules/FineAccrualService.js';
import { LostItemService } from '../application/rules/LostItemService.js';
import { LostItemSettlement } from '../application/rules/LostItemSettlement.js';
import { PatronBlockService } from '../application/rules/PatronBlockService.js';
import { RecallService } from '../application/rules/RecallService.js';
import { RuleBook } from '../application/rules/RuleBook.js';
import { RuleExplainer } from '../application/rules/RuleExplainer.js';

/** The circulation-rules services: rule lookup with calendars, explain(), recalls, claims, lost items, fine accrual, blocks. */
export function rulesModule(bind: Bind): void {
  bind(RuleBook).toSelf().inSingletonScope();
  bind(LostItemSettlement).toSelf().inSingletonScope();
  bind(RuleExplainer).toSelf().inSingletonScope();
  bind(RecallService).toSelf().inSingletonScope();
  bind(ClaimsReturnedService).toSelf().inSingletonScope();
  bind(LostItemService).toSelf().inSingletonScope();
  bind(FineAccrualService).toSelf().inSingletonScope();
  bind(PatronBlockService).toSelf().inSingletonScope();
  bind(CalendarService).toSelf().inSingletonScope();
}
