import { performance } from 'node:perf_hooks';
import { createSearchIndex, type SearchDocument } from '../src/delivery/search-index.js';

/**
 * `npm run bench:search`: builds a 100k-item index from a synthetic corpus with a
 * Zipf-like vocabulary and times the query shapes `/sitrep search` produces.
 */
const itemCount = Number(process.argv[2] ?? 100_000);
/** Days the items span: 100k items over 20 days is 5,000 a day, a busy deployment. */
const days = Number(process.argv[3] ?? 20);
const stepMs = (days * 86_400_000) / itemCount;
/** Optional shard width in hours, to compare against the default. */
const shardHours = process.argv[4] ? Number(process.argv[4]) : undefined;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const random = seeded(42);
const syllables = ['ka', 'bul', 'ter', 'ra', 'mo', 'san', 'dro', 'vel', 'tan', 'is', 'ghar', 'lin', 'po', 'qua', 'rez', 'shi', 'un', 'dor', 'mel', 'ax'];
const realWords = ['security', 'council', 'ceasefire', 'earthquake', 'refugees', 'election', 'sanctions', 'taliban', 'kabul', 'herat', 'flood', 'talks', 'minister', 'attack', 'humanitarian', 'aid', 'border', 'protest', 'court', 'human', 'rights', 'drought', 'vaccine', 'summit'];
const vocabulary = [...realWords];
while (vocabulary.length < 40_000) {
  const length = 2 + Math.floor(random() * 3);
  vocabulary.push(Array.from({ length }, () => syllables[Math.floor(random() * syllables.length)]).join(''));
}
// Zipf-ish: low ranks far more frequent, so common words have long posting lists.
const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 2)] as string;
const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
const places = ['AF', 'AF-KAB', 'AF-HER', 'PK', 'IR', 'UA', 'SD', 'US', 'QA'];
const topics = ['security', 'diplomacy', 'humanitarian', 'economy', 'human-rights'];

const start = Date.parse('2026-01-01T00:00:00Z');
const docs: SearchDocument[] = Array.from({ length: itemCount }, (_, i) => ({
  id: `i${i}`,
  kind: i % 10 === 0 ? 'story' : 'item',
  title: sentence(8 + Math.floor(random() * 6)),
  summary: sentence(25 + Math.floor(random() * 20)),
  source: `Outlet ${i % 120}`,
  places: [places[i % places.length] as string],
  actors: i % 7 === 0 ? ['taliban'] : [],
  topics: [topics[i % topics.length] as string],
  link: `https://news.example/${i}`,
  published: new Date(start + i * stepMs).toISOString(),
}));

const index = createSearchIndex(shardHours ? { shardMs: shardHours * 3_600_000 } : {});
const heapBefore = process.memoryUsage().heapUsed;
let t0 = performance.now();
await index.rebuild(docs);
const buildMs = performance.now() - t0;
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;

const queries: { name: string; query: string; since?: Date }[] = [
  { name: 'common term', query: 'security' },
  { name: 'prefix', query: 'huma' },
  { name: 'typo (fuzzy)', query: 'earthqauke' },
  { name: 'two terms', query: 'ceasefire talks' },
  { name: 'rare synthetic term', query: vocabulary[30_000] ?? 'kabul' },
  { name: 'term + 24h filter', query: 'taliban', since: new Date(start + days * 86_400_000 - 86_400_000) },
  { name: 'no match', query: 'zzzzzz' },
];

console.log(`search bench: ${index.size} documents over ${days} days (shards of ${shardHours ?? 6} h) indexed in ${buildMs.toFixed(0)} ms, ~${heapMb.toFixed(0)} MB heap`);
for (const q of queries) {
  const times: number[] = [];
  let hits = 0;
  for (let run = 0; run < 30; run += 1) {
    t0 = performance.now();
    hits = index.search(q.query, { limit: 10, ...(q.since ? { since: q.since } : {}) }).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  console.log(`${q.name.padEnd(22)} "${q.query}": median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, ${hits} hits`);
}
