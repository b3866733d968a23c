/** Writes docs/library.md from the built-in model sources. */
import { writeFileSync } from 'node:fs';
import { renderLibraryDoc } from '../src/library/doc';

writeFileSync(new URL('../docs/library.md', import.meta.url), renderLibraryDoc());
console.log('wrote docs/library.md');
