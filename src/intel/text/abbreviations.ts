/**
 * Words that take a period without ending a sentence. Titles never end one
 * ("Gen. Smith"); the others usually do not, but may when a typical sentence
 * opener follows ("… in Jan. The talks …").
 */
export const titleAbbreviations: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cpl', 'adm',
  'brig', 'cmdr', 'gov', 'sen', 'rep', 'pres', 'rev', 'fr', 'sr', 'jr', 'st', 'mt', 'ft', 'hon',
  'amb', 'supt', 'insp', 'messrs', 'mme', 'mlle', 'sheikh',
]);

export const otherAbbreviations: ReadonlySet<string> = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'no', 'nos', 'vol', 'art', 'para', 'fig', 'approx', 'est', 'etc', 'vs', 'inc', 'ltd', 'co',
  'corp', 'bros', 'dept', 'univ', 'assn', 'ave', 'blvd', 'rd', 'km', 'mi', 'al', 'cf', 'ca',
]);

/** Capitalized words that usually open a sentence, so a period before them ends one. */
export const sentenceOpeners: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'it', 'he', 'she', 'they', 'we', 'i', 'in', 'on', 'at', 'but', 'and', 'this',
  'that', 'these', 'those', 'there', 'his', 'her', 'their', 'its', 'our', 'after', 'before',
  'meanwhile', 'however', 'officials', 'police', 'authorities', 'when', 'while', 'some', 'many',
  'most', 'both', 'no', 'if', 'as', 'since', 'earlier', 'later', 'last', 'according', 'also',
]);
