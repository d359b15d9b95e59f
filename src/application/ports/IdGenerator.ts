/** Makes new ids for loans, reservations, fines and payments. Tests bind a sequential one. */
export interface IdGenerator {
  next(prefix: 'loan' | 'res' | 'fine' | 'pay' | 'member' | 'block' | 'notice' | 'audit' | 'eloan' | 'token'): string;
}
