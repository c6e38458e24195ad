import { afterEach, describe, expect, it, vi } from 'vitest';
import { scriptArgs } from '../../../scripts/script-args.js';

class Exit extends Error {
  constructor(readonly code: number | undefined) {
    super(`exit ${code}`);
  }
}

const options = { split: { type: 'string', default: 'test' }, quiet: { type: 'boolean', default: false } } as const;
const choices = { split: ['train', 'test', 'all'] } as const;

function run(argv: string[]): { code: number | undefined; stdout: string; stderr: string; values?: unknown } {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Exit(code === undefined || code === null ? undefined : Number(code));
  });
  try {
    const values = scriptArgs('Usage: eval [--split S]', options, choices, argv);
    return { code: undefined, stdout, stderr, values };
  } catch (error) {
    if (error instanceof Exit) return { code: error.code, stdout, stderr };
    throw error;
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('scriptArgs (npm run eval scripts)', () => {
  it('returns the options with their defaults', () => {
    expect(run(['--split', 'all']).values).toEqual({ split: 'all', quiet: false });
    expect(run([]).values).toEqual({ split: 'test', quiet: false });
  });

  it('refuses a value outside the choices, naming them, instead of evaluating nothing', () => {
    const result = run(['--split', 'dev']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--split: expected one of train, test, all; got "dev"');
    expect(result.stderr).toContain('Usage: eval');
  });

  it('refuses an unknown option with the usage, not a stack trace', () => {
    const result = run(['--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--bogus'/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the usage for --help and exits 0', () => {
    const result = run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: eval');
  });
});
