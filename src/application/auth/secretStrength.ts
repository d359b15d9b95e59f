/** The least a preset secret must carry, estimated from its characters. */
export const MIN_SECRET_BITS = 128;
export const MIN_SECRET_LENGTH = 32;

/** The shortest p such that the text is its first p characters over and over (the text's length if none). */
function periodOf(text: string): number {
  for (let p = 1; p <= text.length / 2; p++) {
    let repeats = true;
    for (let i = p; i < text.length && repeats; i++) repeats = text[i] === text[i - p];
    if (repeats) return p;
  }
  return text.length;
}

/** Shannon entropy of the text's own character frequencies, times its length: an upper bound for anything patterned. */
export function estimatedBits(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / text.length) * Math.log2(n / text.length);
  return perChar * text.length;
}

/**
 * Why a secret someone chose (not one shelfmark drew) is too weak to guard an account, or null when it is strong
 * enough: at least 32 characters, no short pattern repeated, and about 128 bits by its character frequencies (32 random
 * base64url characters carry ~190 by this estimate; hex needs 40 or more). The reason never quotes the secret.
 */
export function secretWeakness(secret: string): string | null {
  if (secret.length < MIN_SECRET_LENGTH) return `its secret is ${String(secret.length)} characters; use at least ${String(MIN_SECRET_LENGTH)} random characters`;
  const period = periodOf(secret);
  if (period < secret.length) return `its secret repeats a ${String(period)}-character pattern; use random characters`;
  const bits = Math.floor(estimatedBits(secret));
  if (bits < MIN_SECRET_BITS) return `its secret carries about ${String(bits)} bits of entropy; it needs ${String(MIN_SECRET_BITS)} (use random characters)`;
  return null;
}
