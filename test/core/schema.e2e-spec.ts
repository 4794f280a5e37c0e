import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestApp } from '../support/test-app';

/**
 * The committed schema.graphql is what the code generates. With WRITE_SCHEMA=1 this test writes
 * it instead (`npm run schema`), so every schema change shows in review.
 */
const COMMITTED = resolve(__dirname, '..', '..', 'schema.graphql');

function normalise(sdl: string): string {
  return sdl.replace(/\r\n/g, '\n').trimEnd();
}

/** Lines found only in one of the two (a rough diff, enough to see what changed). */
function lineDiff(committed: string, generated: string, max = 20): string {
  const before = committed.split('\n');
  const after = generated.split('\n');
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  const lines = [
    ...before.filter((line) => !afterSet.has(line)).map((line) => `- ${line}`),
    ...after.filter((line) => !beforeSet.has(line)).map((line) => `+ ${line}`),
  ];
  const shown = lines.slice(0, max).join('\n');
  return lines.length > max ? `${shown}\n... and ${lines.length - max} more` : shown;
}

describe('schema.graphql', () => {
  it('is not stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roundtable-schema-'));
    const file = join(dir, 'schema.graphql');
    try {
      const t = await startTestApp({ graphqlSchemaFile: file });
      await t.close();
      const generated = readFileSync(file, 'utf8');
      expect(generated).toMatch(/type Query \{/);

      if (process.env.WRITE_SCHEMA === '1') {
        writeFileSync(COMMITTED, generated);
        console.log(`Wrote ${COMMITTED}`);
        return;
      }
      let committed = '';
      try {
        committed = readFileSync(COMMITTED, 'utf8');
      } catch {
        // Missing: reported below like any other difference.
      }
      if (normalise(committed) !== normalise(generated)) {
        throw new Error(
          'schema.graphql is stale: run `npm run schema` and commit the result.\n' +
            `Lines only in the committed file (-) or only in the generated one (+):\n${lineDiff(
              normalise(committed),
              normalise(generated),
            )}`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
