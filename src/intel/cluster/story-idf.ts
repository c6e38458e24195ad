import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../settings/load-config.js';
import { reportTerms } from './salient-terms.js';
import type { BackgroundFrequencies } from './vocabulary.js';

/**
 * Reference document frequencies for story clustering (data/model/story-idf.json,
 * built by `npm run train:stories`). The clusterer's IDF is otherwise estimated
 * from the window alone, and a small or fresh window gets it backwards: the words
 * of its one big story look common and every one-off everyday word looks rare.
 * Seeding the IDF with a few hundred documents' worth of ordinary news fixes that,
 * and a busy window soon outweighs the seed.
 */

/** The term extraction the frequencies were counted with; a file for another is refused. */
export const STORY_TERMS_ID = 'sitrep/report-terms/v6';

/** Pseudo-documents the reference counts as: tuned on the dev half of data/labeled/stories. */
export const referenceWeight = 300;

/** Terms seen in fewer documents than this are left out of the file (they count as unseen). */
const minDocumentFrequency = 2;

export const storyIdfSchema = z.object({
  version: z.literal(1),
  terms: z.literal(STORY_TERMS_ID),
  documents: z.number().int().positive(),
  df: z.record(z.string(), z.number().int().positive()),
});

export type StoryIdfFile = z.output<typeof storyIdfSchema>;

export function defaultStoryIdfFile(): string {
  return join(packageRoot(), 'data/model/story-idf.json');
}

/** Counts, per term, the documents (headline + lede) that contain it. Same input → same file. */
export function buildStoryIdf(documents: readonly { title: string; summary: string }[]): StoryIdfFile {
  const counts = new Map<string, number>();
  for (const document of documents) {
    const terms = reportTerms(document.title, document.summary);
    for (const term of new Set([...terms.title, ...terms.lede])) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const kept = [...counts.entries()]
    .filter(([, count]) => count >= minDocumentFrequency)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { version: 1, terms: STORY_TERMS_ID, documents: documents.length, df: Object.fromEntries(kept) };
}

export function backgroundFrom(file: StoryIdfFile, weight = referenceWeight): BackgroundFrequencies {
  return { documents: file.documents, df: new Map(Object.entries(file.df)), weight };
}

export type LoadStoryIdfResult = { ok: true; background: BackgroundFrequencies } | { ok: false; message: string };

/**
 * Reads and validates a frequencies file. Not fatal when missing or stale: the caller
 * warns and clusters on the window's own IDF.
 */
export async function loadStoryIdf(file = defaultStoryIdfFile()): Promise<LoadStoryIdfResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `${file}: cannot be read (${(error as Error).message}); run \`npm run train:stories\`` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${file}: not valid JSON (${(error as Error).message})` };
  }
  const parsed = storyIdfSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { ok: false, message: `${file}: ${problems.join('; ')}; run \`npm run train:stories\`` };
  }
  return { ok: true, background: backgroundFrom(parsed.data) };
}
