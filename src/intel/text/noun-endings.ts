/**
 * Case endings and plural markers a Bengali noun may carry ("কলম্বিয়ায়", in Colombia;
 * "অস্ট্রেলিয়ার", Australia's; "চীনের", China's). Longest first. Names and news words
 * are looked up whole, then less one of these.
 */
export const bengaliEndings: readonly string[] = ['গুলোর', 'গুলো', 'দের', 'য়ের', 'য়ে', 'টির', 'ের', 'কে', 'তে', 'টি', 'টা', 'য়', 'র', 'ে'].map(
  (ending) => ending.normalize('NFC'),
);

/** Hindi writes case as separate words; only the oblique plural changes the noun. */
export const hindiEndings: readonly string[] = ['ों'];

/** Whether a word is written in Bengali script (by its first letter). */
export function isBengaliWord(word: string): boolean {
  const first = word.charCodeAt(0);
  return first >= 0x0980 && first <= 0x09ff;
}
