/** Letters that Unicode decomposition does not reduce to ASCII. */
const specialLetters: Readonly<Record<string, string>> = {
  ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ß: 'ss', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd',
  ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', ı: 'i', ħ: 'h', Ħ: 'h',
};
const specialPattern = /[øØæÆœŒßłŁđĐðÐþÞıħĦ]/g;
const asciiOnly = /^[\x00-\x7f]*$/;
const combiningMarks = /\p{M}/gu;
const apostrophes = /['’ʼ‘`´]/g;

/**
 * The comparison form of one word: lower case, no diacritics, no apostrophes,
 * so "Kyïv" = "Kyiv", "Türkiye" = "Turkiye", "N'Djamena" = "NDjamena".
 */
export function foldToken(raw: string): string {
  if (asciiOnly.test(raw)) return raw.replace(apostrophes, '').toLowerCase();
  return raw
    .replace(specialPattern, (letter) => specialLetters[letter] ?? letter)
    .normalize('NFD')
    .replace(combiningMarks, '')
    .replace(apostrophes, '')
    .toLowerCase();
}
