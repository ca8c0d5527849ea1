import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'unbash';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/lint/discover.js';
import { extractFile } from '../../src/lint/extract/index.js';
import type { ExtractedFile } from '../../src/lint/types.js';
import { FIXTURES } from './helpers.js';

async function extractRepo(repo: string): Promise<{ path: string; text: string; extracted: ExtractedFile }[]> {
  const cwd = path.join(FIXTURES, repo);
  const files = await discoverFiles(['.'], cwd);
  return Promise.all(
    files.map(async (f) => {
      const text = await readFile(path.join(cwd, f.path), 'utf8');
      return { path: f.path, text, extracted: extractFile(f, text) };
    }),
  );
}

describe('fixture repositories', () => {
  it('dangerous: exactly these findings come from the files themselves (no engine needed)', async () => {
    const repo = await extractRepo('dangerous');
    const problems = repo.flatMap((f) => f.extracted.problems.map((p) => `${f.path}:${p.line} ${p.rule} ${p.severity}`));
    expect(problems).toEqual([
      '.env.development:1 dotenv/test-env-points-at-remote-database block',
      '.env.test:3 dotenv/test-env-points-at-remote-database block',
      '.env.test:4 dotenv/escape-hatch warn',
      '.github/workflows/deploy.yml:4 dotenv/escape-hatch confirm',
      '.github/workflows/deploy.yml:23 dotenv/escape-hatch confirm',
      '.gitlab-ci.yml:3 dotenv/escape-hatch confirm',
      '.gitlab-ci.yml:20 dotenv/escape-hatch confirm',
      'orchestrator.conf.json:4 topology/cross-region-promotion confirm',
    ]);
    expect(repo.find((f) => f.path.endsWith('.sql'))!.extracted.sql).toBeDefined();
  });

  it('harmless: no findings', async () => {
    const repo = await extractRepo('harmless');
    expect(repo.flatMap((f) => f.extracted.problems)).toEqual([]);
    expect(repo.map((f) => f.path)).toContain('scripts/hello');
  });

  for (const repoName of ['dangerous', 'harmless']) {
    it(`${repoName}: every snippet is valid shell and its words map onto the same text in the file`, async () => {
      const repo = await extractRepo(repoName);
      let checked = 0;
      for (const file of repo) {
        const lines = file.text.split('\n');
        for (const snippet of file.extracted.snippets) {
          expect(parse(snippet.text).errors ?? [], `${file.path} ${snippet.origin}`).toEqual([]);
          // Each word copied from the file (not substituted: its characters map to consecutive
          // columns) appears in the file exactly where it is mapped to.
          for (const m of snippet.text.matchAll(/[A-Za-z][A-Za-z0-9_:.-]{2,}/g)) {
            const pos = snippet.locate(m.index);
            const last = snippet.locate(m.index + m[0].length - 1);
            if (last.line !== pos.line || last.column - pos.column !== m[0].length - 1) continue;
            const line = lines[pos.line - 1] ?? '';
            if (line.includes('${{')) continue; // placeholders keep columns but not text
            expect(line.slice(pos.column - 1, pos.column - 1 + m[0].length), `${file.path} ${snippet.origin} ${m[0]}`).toBe(m[0]);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(20);
    });
  }
});
