/** One input to a topic's score, in logit units after calibration (positive pushes the topic up). */
export interface Contribution {
  kind: 'term' | 'phrase' | 'rule' | 'tag' | 'word' | 'baseline';
  label: string;
  value: number;
}

/** Everything `sitrep explain` shows about one topic for one item. */
export interface TopicExplanation {
  topic: string;
  label: string;
  score: number;
  threshold: number;
  assigned: boolean;
  /** Which comparison decided it, e.g. "0.91 ≥ threshold 0.50". */
  decision: string;
  /** 'model+lexicon' when the trained model knows the topic, else 'lexicon only'. */
  source: 'model+lexicon' | 'lexicon only';
  lexiconScore: number;
  /** Largest contributions first (both signs). */
  contributions: Contribution[];
}

const number = (value: number): string => (value >= 0 ? `+${value.toFixed(1)}` : value.toFixed(1));

/** "term 'ceasefire' (+1.8)", "rule: 'Security Council' is a diplomacy venue (+1.4)". */
export function formatContribution(contribution: Contribution): string {
  const value = number(contribution.value);
  switch (contribution.kind) {
    case 'term':
      return `term '${contribution.label}' (${value})`;
    case 'phrase':
      return `phrase '${contribution.label}' (${value})`;
    case 'rule':
      return `rule: ${contribution.label} (${value})`;
    case 'tag':
      return `source tag '${contribution.label}' (${value})`;
    case 'word':
      return `model word '${contribution.label}' (${value})`;
    case 'baseline':
      return `baseline (${value})`;
  }
}

/** The human-readable block `sitrep explain` prints. */
export function formatExplanation(explanations: readonly TopicExplanation[], cancelled: readonly string[]): string {
  const lines: string[] = [];
  for (const entry of explanations) {
    const mark = entry.assigned ? '✔' : '·';
    lines.push(`${mark} ${entry.topic} (${entry.label}): ${entry.score.toFixed(2)} — ${entry.decision} [${entry.source}, lexicon score ${entry.lexiconScore.toFixed(1)}]`);
    const shown = entry.contributions.filter((c) => Math.abs(c.value) >= 0.05).slice(0, 8);
    for (const contribution of shown) lines.push(`    ${formatContribution(contribution)}`);
    if (shown.length === 0) lines.push('    (no evidence)');
  }
  if (cancelled.length > 0) {
    lines.push('context rules:');
    for (const note of cancelled) lines.push(`    ${note}`);
  }
  return lines.join('\n');
}
