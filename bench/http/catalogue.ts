import { rng as seeded } from '../search/generator.js';

/** The bench library, shared by the server process and the load generator: titles built from a seeded word list. */
export const CATALOGUE = { titles: 2_000, copies: 20_000, members: 5_000 } as const;

/** 240 words, so two-word titles give many distinct queries and typo and prefix queries have neighbours. */
export const WORDS: readonly string[] = (
  'river garden winter summer harbour mountain forest island desert valley castle tower bridge market village city ' +
  'kingdom empire republic revolution history science biology physics chemistry algebra geometry calculus logic ' +
  'language grammar poetry novel letters journal diary memoir travels voyage journey pilgrim sailor soldier doctor ' +
  'teacher student farmer hunter weaver baker painter sculptor composer dancer singer player gambler merchant banker ' +
  'thief detective murder mystery secret shadow silence thunder lightning storm rain snow ice fire ember ashes smoke ' +
  'light darkness midnight morning evening twilight dawn sunset moonlight starlight comet planet galaxy universe ' +
  'ocean sea lake stream fountain well spring autumn harvest orchard vineyard meadow prairie tundra jungle swamp ' +
  'lantern candle mirror window door garden gate wall road path trail highway railway station airport harbor ' +
  'engine machine clock compass map atlas chronicle legend myth saga epic ballad song hymn prayer psalm sermon ' +
  'philosophy ethics politics economics finance trade commerce industry labour union strike protest freedom justice ' +
  'law court judge jury witness prisoner exile refugee stranger neighbour friend enemy rival lover husband wife ' +
  'mother father daughter son sister brother orphan widow heir king queen prince princess knight dragon giant ' +
  'wizard witch ghost angel demon saint sinner hero villain captain pirate admiral general emperor'
)
  .split(' ')
  .filter((w, i, all) => all.indexOf(w) === i);

const word = (n: number): string => WORDS[n % WORDS.length] ?? 'river';

export function titleOf(t: number): { title: string; author: string; subject: string } {
  const random = seeded(t + 1);
  const pick = (): string => word(Math.floor(random() * WORDS.length));
  return { title: `The ${pick()} of the ${pick()}`, author: `${pick()} ${pick()}`, subject: pick() };
}

export function isbn13(n: number): string {
  const body = `978${String(n).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body.charAt(i)) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

export const copyBarcode = (c: number): string => `B${c}`;
export const memberId = (m: number): string => `M${m}`;

/**
 * `count` distinct search texts of the kinds readers type: one word, two words, an unfinished last word, a word
 * with a typo (a letter dropped or two swapped).
 */
export function distinctQueries(count: number): string[] {
  const random = seeded(20261202);
  const pick = (): string => word(Math.floor(random() * WORDS.length));
  const kinds: readonly (() => string)[] = [
    () => pick(),
    () => `${pick()} ${pick()}`,
    () => `${pick()} ${pick().slice(0, 3)}`,
    () => {
      const w = pick();
      const i = 1 + Math.floor(random() * (w.length - 2));
      return random() < 0.5 ? w.slice(0, i) + w.slice(i + 1) : w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2);
    },
  ];
  const seen = new Set<string>();
  for (let n = 0; seen.size < count && n < count * 50; n++) seen.add(kinds[n % kinds.length]?.() ?? pick());
  if (seen.size < count) throw new Error(`only ${seen.size} distinct queries could be made`);
  return [...seen];
}
