import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestMtime(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

/** Tests that run the CLI or a script as a process need dist/ as fresh as src/ and scripts/ (npm install builds it once). */
export async function ensureBuilt(): Promise<void> {
  const built = Math.min(
    ...(await Promise.all(['dist/src/cli/main.js', 'dist/scripts/train-topics.js'].map((entry) => stat(resolve(entry)).then((s) => s.mtimeMs, () => 0)))),
  );
  const sources = Math.max(await newestMtime(resolve('src')), await newestMtime(resolve('scripts')));
  if (built >= sources) return;
  await promisify(execFile)(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { timeout: 180_000 });
}
