import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { requirePositiveInteger } from '../../domain/shared/guards.js';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** N=2^15, r=8, p=1: 32 MiB and tens of milliseconds per hash, paid once per PIN login (staff tokens are cached once verified). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/**
 * Slow, salted hashes for PINs and staff tokens (node:crypto scrypt). The stored form carries its
 * own parameters — `scrypt$N$r$p$salt$hash` — so the cost can be raised without invalidating old hashes.
 */
export class SecretHasher {
  constructor(private readonly cost: ScryptCost = DEFAULT_SCRYPT_COST) {
    const N = requirePositiveInteger(cost.N, 'scryptCost.N');
    if (N < 2 || (N & (N - 1)) !== 0) throw new ValidationError('scryptCost.N must be a power of two, at least 2', { field: 'scryptCost.N', value: N });
    requirePositiveInteger(cost.r, 'scryptCost.r');
    requirePositiveInteger(cost.p, 'scryptCost.p');
  }

  async hash(secret: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(secret, salt, this.cost);
    const { N, r, p } = this.cost;
    return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(secret: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, expected] = stored.split('$');
    if (scheme !== 'scrypt' || n === undefined || r === undefined || p === undefined || salt === undefined || expected === undefined) return false;
    const want = Buffer.from(expected, 'base64url');
    const got = await derive(secret, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
    return got.length === want.length && timingSafeEqual(got, want);
  }

  /** Spends the same time as a real verification, so an unknown card number answers as slowly as a wrong PIN. */
  async burn(secret: string): Promise<void> {
    await derive(secret, Buffer.alloc(16), this.cost);
  }
}
