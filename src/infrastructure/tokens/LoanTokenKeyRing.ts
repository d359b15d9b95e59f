import { generateKeyPairSync } from 'node:crypto';
import { generateKeyPair, type CryptoKey, type KeyObject } from 'jose';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';

/** The one algorithm loan tokens are signed and verified with: Ed25519 signatures (JWS `EdDSA`). */
export const LOAN_TOKEN_ALGORITHM = 'EdDSA';

type Key = CryptoKey | KeyObject;

export interface LoanTokenKey {
  /** Key id, written to the token's `kid` header. */
  readonly kid: string;
  readonly privateKey: Key;
  readonly publicKey: Key;
}

/**
 * The keys loan tokens are signed with. Exactly one key signs; after a rotation the previous keys
 * keep verifying the tokens they signed until they are retired.
 */
export class LoanTokenKeyRing {
  private readonly keys = new Map<string, LoanTokenKey>();
  private activeKid: string;

  constructor(initial: LoanTokenKey) {
    this.keys.set(initial.kid, initial);
    this.activeKid = initial.kid;
  }

  /** A fresh Ed25519 key pair under `kid`. */
  static async generateKey(kid: string): Promise<LoanTokenKey> {
    const { privateKey, publicKey } = await generateKeyPair(LOAN_TOKEN_ALGORITHM, { crv: 'Ed25519' });
    return { kid, privateKey, publicKey };
  }

  /** A ring with one throw-away key made at start-up: tokens die with the process. For demos and tests. */
  static ephemeral(): LoanTokenKeyRing {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return new LoanTokenKeyRing({ kid: 'ephemeral', privateKey, publicKey });
  }

  signingKey(): LoanTokenKey {
    const key = this.keys.get(this.activeKid);
    if (!key) throw new Error(`the signing key ${this.activeKid} is missing from the key ring`);
    return key;
  }

  verificationKey(kid: string): Key | null {
    return this.keys.get(kid)?.publicKey ?? null;
  }

  /** `next` signs from now on; the keys before it still verify. */
  rotate(next: LoanTokenKey): void {
    if (this.keys.has(next.kid)) throw new ValidationError(`key id ${next.kid} is already in the ring`, { kid: next.kid });
    this.keys.set(next.kid, next);
    this.activeKid = next.kid;
  }

  /** Tokens signed with `kid` are refused from now on. The signing key cannot be retired. */
  retire(kid: string): void {
    if (kid === this.activeKid) throw new ValidationError('rotate to a new key before retiring the signing key', { kid });
    this.keys.delete(kid);
  }

  kids(): string[] {
    return [...this.keys.keys()];
  }
}
