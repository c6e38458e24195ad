/**
 * Case endings and plural markers a Bengali noun may carry ("কলম্বিয়ায়", in Colombia;
 * "অস্ট্রেলিয়ার", Australia's; "চীনের", China's). Longest first. Names and news words
 * are looked up whole, then less one of these.
 */
const bengaliEndings: readonly string[] = ['গুলোর', 'গুলো', 'দের', 'য়ের', 'য়ে', 'টির', 'ের', 'কে', 'তে', 'টি', 'টা', 'য়', 'র', 'ে'].map((ending) =>
  ending.normalize('NFC'),
);

/** Hindi writes case as separate words; only the oblique plural changes the noun ("चुनावों"). */
const hindiEndings: readonly string[] = ['ों'].map((ending) => ending.normalize('NFC'));

function endingsOf(word: string): readonly string[] {
  const first = word.charCodeAt(0);
  if (first >= 0x0980 && first <= 0x09ff) return bengaliEndings;
  if (first >= 0x0900 && first <= 0x097f) return hindiEndings;
  return [];
}

/**
 * What `find` finds for the word, or else for the word less one case ending of its
 * script, keeping a stem of three characters at least (shorter ones are too often
 * another word). One place for the rule, so names and news terms match alike.
 */
export function findWithEnding<T>(word: string, find: (form: string) => T | undefined): T | undefined {
  const whole = find(word);
  if (whole !== undefined) return whole;
  for (const ending of endingsOf(word)) {
    if (word.length - ending.length < 3 || !word.endsWith(ending)) continue;
    const found = find(word.slice(0, -ending.length));
    if (found !== undefined) return found;
  }
  return undefined;
}
