import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { renderLibraryDoc } from './doc';

it('docs/library.md is up to date with the model sources (npx tsx scripts/gen-library-doc.ts)', () => {
  const committed = readFileSync(join(import.meta.dirname, '../../docs/library.md'), 'utf8');
  expect(committed).toBe(renderLibraryDoc());
});
