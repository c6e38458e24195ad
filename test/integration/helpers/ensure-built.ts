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

/** Tests that run the CLI as a process need dist/ as fresh as src/ (npm install builds it once). */
export async function ensureBuilt(): Promise<void> {
  const entry = resolve('dist/src/cli/main.js');
  const built = await stat(entry).then((s) => s.mtimeMs, () => 0);
  if (built >= (await newestMtime(resolve('src')))) return;
  await promisify(execFile)(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { timeout: 180_000 });
}
