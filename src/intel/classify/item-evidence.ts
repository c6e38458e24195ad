import { extractFeatures } from './features.js';
import type { CompiledLexicon, LexiconEvidence } from './lexicon.js';
import { type AnalyzedText, concatAnalyzed, type TextAnalyzer } from './text-analyzer.js';

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
  options: { surfaces?: boolean } = {},
): ItemEvidence {
  const title = analyzer.analyze(item.title, options);
  const summary = analyzer.analyze(item.summary, options);
  const text = concatAnalyzed(title, summary);
  const evidence = lexicon.match(text, title.keys.length, item.sourceTags ?? []);
  return { text, lexicon: evidence, features: extractFeatures(text, evidence.masked) };
}
