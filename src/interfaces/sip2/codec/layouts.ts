/**
 * The messages of SIP2 (3M Standard Interchange Protocol 2.00) this server reads and writes, as data: each
 * command's two-character code and its fixed-length fields in order, with their lengths. Variable-length
 * fields (`AO…|`) follow the fixed part in any order; `FIELD` names the identifiers used here.
 */
export interface FixedField {
  readonly name: string;
  readonly length: number;
}

export interface MessageLayout {
  readonly name: string;
  readonly fixed: readonly FixedField[];
}

const f = (name: string, length: number): FixedField => ({ name, length });
const DATE = 18;

/** Messages a kiosk (SC) sends, by command code. */
export const REQUEST_LAYOUTS = {
  '93': { name: 'Login', fixed: [f('uidAlgorithm', 1), f('pwdAlgorithm', 1)] },
  '99': { name: 'SC Status', fixed: [f('statusCode', 1), f('maxPrintWidth', 3), f('protocolVersion', 4)] },
  '97': { name: 'Request ACS Resend', fixed: [] },
  '23': { name: 'Patron Status Request', fixed: [f('language', 3), f('transactionDate', DATE)] },
  '63': { name: 'Patron Information', fixed: [f('language', 3), f('transactionDate', DATE), f('summary', 10)] },
  '11': { name: 'Checkout', fixed: [f('scRenewalPolicy', 1), f('noBlock', 1), f('transactionDate', DATE), f('nbDueDate', DATE)] },
  '09': { name: 'Checkin', fixed: [f('noBlock', 1), f('transactionDate', DATE), f('returnDate', DATE)] },
  '29': { name: 'Renew', fixed: [f('thirdPartyAllowed', 1), f('noBlock', 1), f('transactionDate', DATE), f('nbDueDate', DATE)] },
  '65': { name: 'Renew All', fixed: [f('transactionDate', DATE)] },
  '17': { name: 'Item Information', fixed: [f('transactionDate', DATE)] },
  '37': { name: 'Fee Paid', fixed: [f('transactionDate', DATE), f('feeType', 2), f('paymentType', 2), f('currencyType', 3)] },
  '01': { name: 'Block Patron', fixed: [f('cardRetained', 1), f('transactionDate', DATE)] },
  '35': { name: 'End Patron Session', fixed: [f('transactionDate', DATE)] },
} as const satisfies Record<string, MessageLayout>;

const ITEM_ANSWER = [f('ok', 1), f('renewalOk', 1), f('magneticMedia', 1), f('desensitize', 1), f('transactionDate', DATE)];
const PATRON_STATUS = [f('patronStatus', 14), f('language', 3), f('transactionDate', DATE)];

/** Messages this server (the ACS) answers with, by command code. */
export const RESPONSE_LAYOUTS = {
  '94': { name: 'Login Response', fixed: [f('ok', 1)] },
  '98': {
    name: 'ACS Status',
    fixed: [
      f('onlineStatus', 1),
      f('checkinOk', 1),
      f('checkoutOk', 1),
      f('acsRenewalPolicy', 1),
      f('statusUpdateOk', 1),
      f('offlineOk', 1),
      f('timeoutPeriod', 3),
      f('retriesAllowed', 3),
      f('dateTimeSync', DATE),
      f('protocolVersion', 4),
    ],
  },
  '96': { name: 'Request SC Resend', fixed: [] },
  '24': { name: 'Patron Status Response', fixed: PATRON_STATUS },
  '64': {
    name: 'Patron Information Response',
    fixed: [
      ...PATRON_STATUS,
      f('holdItemsCount', 4),
      f('overdueItemsCount', 4),
      f('chargedItemsCount', 4),
      f('fineItemsCount', 4),
      f('recallItemsCount', 4),
      f('unavailableHoldsCount', 4),
    ],
  },
  '12': { name: 'Checkout Response', fixed: ITEM_ANSWER },
  '10': { name: 'Checkin Response', fixed: [f('ok', 1), f('resensitize', 1), f('magneticMedia', 1), f('alert', 1), f('transactionDate', DATE)] },
  '30': { name: 'Renew Response', fixed: ITEM_ANSWER },
  '66': { name: 'Renew All Response', fixed: [f('ok', 1), f('renewedCount', 4), f('unrenewedCount', 4), f('transactionDate', DATE)] },
  '18': { name: 'Item Information Response', fixed: [f('circulationStatus', 2), f('securityMarker', 2), f('feeType', 2), f('transactionDate', DATE)] },
  '38': { name: 'Fee Paid Response', fixed: [f('paymentAccepted', 1), f('transactionDate', DATE)] },
  '36': { name: 'End Session Response', fixed: [f('endSession', 1), f('transactionDate', DATE)] },
} as const satisfies Record<string, MessageLayout>;

export type RequestCommand = keyof typeof REQUEST_LAYOUTS;
export type ResponseCommand = keyof typeof RESPONSE_LAYOUTS;
export type Command = RequestCommand | ResponseCommand;

export const LAYOUTS: Readonly<Record<Command, MessageLayout>> = { ...REQUEST_LAYOUTS, ...RESPONSE_LAYOUTS };

export function isCommand(code: string): code is Command {
  return Object.hasOwn(LAYOUTS, code);
}

export function isRequestCommand(code: string): code is RequestCommand {
  return Object.hasOwn(REQUEST_LAYOUTS, code);
}

/** Variable-length field identifiers, by what they carry. */
export const FIELD = {
  patronId: 'AA',
  itemId: 'AB',
  terminalPassword: 'AC',
  patronPassword: 'AD',
  personalName: 'AE',
  screenMessage: 'AF',
  printLine: 'AG',
  dueDate: 'AH',
  titleId: 'AJ',
  blockedCardMessage: 'AL',
  libraryName: 'AM',
  terminalLocation: 'AN',
  institutionId: 'AO',
  currentLocation: 'AP',
  permanentLocation: 'AQ',
  holdItems: 'AS',
  overdueItems: 'AT',
  chargedItems: 'AU',
  fineItems: 'AV',
  sequenceNumber: 'AY',
  checksum: 'AZ',
  homeAddress: 'BD',
  emailAddress: 'BE',
  homePhone: 'BF',
  owner: 'BG',
  currencyType: 'BH',
  cancel: 'BI',
  transactionId: 'BK',
  validPatron: 'BL',
  renewedItems: 'BM',
  unrenewedItems: 'BN',
  feeAcknowledged: 'BO',
  startItem: 'BP',
  endItem: 'BQ',
  feeType: 'BT',
  recallItems: 'BU',
  feeAmount: 'BV',
  supportedMessages: 'BX',
  holdItemsLimit: 'BZ',
  overdueItemsLimit: 'CA',
  chargedItemsLimit: 'CB',
  feeLimit: 'CC',
  unavailableHoldItems: 'CD',
  holdQueueLength: 'CF',
  feeIdentifier: 'CG',
  itemProperties: 'CH',
  securityInhibit: 'CI',
  mediaType: 'CK',
  sortBin: 'CL',
  holdPickupDate: 'CM',
  loginUser: 'CN',
  loginPassword: 'CO',
  locationCode: 'CP',
  validPatronPassword: 'CQ',
  destinationLocation: 'CT',
  alertType: 'CV',
  holdPatronId: 'CY',
  holdPatronName: 'DA',
} as const;

export type FieldId = (typeof FIELD)[keyof typeof FIELD];
