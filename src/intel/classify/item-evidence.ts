import { extractFeatures } from './features.js';
import type { CompiledLexicon, LexiconEvidence } from './lexicon.js';
import type { AnalyzedText, TextAnalyzer } from './text-analyzer.js';

export interface ItemText {
  title: string;
  summary: string;
  sourceTags?: readonly string[] | undefined;
}

export interface ItemEvidence {
  text: AnalyzedText;
  lexicon: LexiconEvidence;
  features: string[];
}

/** One analysis shared by training and classification, so both see exactly the same evidence. */
export function itemEvidence(
  item: ItemText,
  analyzer: TextAnalyzer,
  lexicon: CompiledLexicon,
  options: { surfaces?: boolean; features?: boolean } = {},
): ItemEvidence {
  const { text, ends } = analyzer.analyzeParts([item.title, item.summary], options);
  const evidence = lexicon.match(text, ends[0] ?? 0, item.sourceTags ?? []);
  // The classifier reads features straight off the keys (compiled-weights.ts); training needs the strings.
  return { text, lexicon: evidence, features: options.features === false ? [] : extractFeatures(text, evidence.masked) };
}
