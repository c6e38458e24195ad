/**
 * Tagging benchmark: items per second for the place tagger, the actor tagger
 * and the summarizer, each alone and the three together, on one core, over the
 * real feed items in ../shared/feeds/real (plus the seed story) repeated to at
 * least 50,000 items. C's `bench:intel` times the whole annotator; this one
 * isolates T's share. Run with `npm run build && node dist/bench/intel-tagging.js`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlToText } from '../src/feeds/html-to-text.js';
import { parseFeed } from '../src/feeds/parse-feed.js';
import { createActorTagger } from '../src/intel/actors/create-actor-tagger.js';
import { loadActorsConfig } from '../src/intel/actors/load-actors-config.js';
import { createPlaceTagger } from '../src/intel/places/create-place-tagger.js';
import { loadPlacesConfig } from '../src/intel/places/load-places-config.js';
import { summarize } from '../src/intel/summarize/summarize.js';

const minimumItems = 50_000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = path.resolve(repoRoot, '../shared/feeds/real');
const seedFile = path.resolve(repoRoot, '../shared/seed/ani-2021-08-10-afghan-fm-meets-us-envoy.txt');

interface Item {
  title: string;
  text: string;
}

async function loadItems(): Promise<Item[]> {
  const items: Item[] = [];
  if (existsSync(seedFile)) items.push({ title: 'Afghan FM meets US envoy', text: readFileSync(seedFile, 'utf8') });
  if (!existsSync(corpusDir)) return items;
  for (const name of readdirSync(corpusDir).sort()) {
    if (!/\.(xml|json)$/.test(name)) continue;
    const outcome = await parseFeed(readFileSync(path.join(corpusDir, name), 'utf8'));
    if (!outcome.ok) continue;
    for (const item of outcome.feed.items) {
      items.push({ title: htmlToText(item.title ?? ''), text: htmlToText(item.descriptionHtml ?? item.contentHtml ?? '') });
    }
  }
  return items;
}

function time(label: string, items: readonly Item[], work: (item: Item) => number): void {
  for (let index = 0; index < Math.min(items.length, 2_000); index += 1) work(items[index] as Item);
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let sink = 0;
  for (const item of items) sink += work(item);
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const perSecond = Math.round(items.length / (wallMs / 1000));
  // On a shared machine wall time includes waiting for a core; CPU time does not.
  const perCpuSecond = Math.round(items.length / (cpuMs / 1000));
  const microseconds = ((cpuMs * 1000) / items.length).toFixed(1);
  console.log(
    `${label.padEnd(28)} ${String(perSecond).padStart(7)} items/s wall  ${String(perCpuSecond).padStart(7)} items/cpu-s  ${microseconds.padStart(6)} cpu-µs/item  (checksum ${sink})`,
  );
}

async function main(): Promise<void> {
  const configDir = path.resolve(repoRoot, 'config');
  const compileStart = process.hrtime.bigint();
  const tagPlaces = createPlaceTagger(await loadPlacesConfig(configDir));
  const tagActors = createActorTagger(await loadActorsConfig(configDir));
  const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;
  const corpus = await loadItems();
  if (corpus.length === 0) {
    console.error('no items: ../shared/feeds/real and the seed story are both missing');
    process.exitCode = 1;
    return;
  }
  const items: Item[] = [];
  while (items.length < minimumItems) items.push(...corpus);
  const chars = items.reduce((sum, item) => sum + item.title.length + item.text.length, 0);
  console.log(`${items.length} items (${corpus.length} distinct, ${Math.round(chars / items.length)} chars each on average); load + compile lexicons ${compileMs.toFixed(0)} ms`);
  time('places', items, (item) => tagPlaces(`${item.title}\n\n${item.text}`).length);
  time('actors', items, (item) => tagActors(`${item.title}\n\n${item.text}`).length);
  time('summarize', items, (item) => summarize(item).length);
  time('places + actors + summarize', items, (item) => {
    const text = `${item.title}\n\n${item.text}`;
    return tagPlaces(text).length + tagActors(text).length + summarize(item).length;
  });
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

await main();
