// Prints the size of each bundle and fails when the script-tag bundle is over its budget once gzipped.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT = 5120;
const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');

let failed = false;
for (const name of ['consent-ledger.js', 'consent-ledger.mjs']) {
  const bytes = readFileSync(join(dist, name));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  const over = name === 'consent-ledger.js' && gzipped > LIMIT;
  failed ||= over;
  console.log(`${name}: ${bytes.length} B minified, ${gzipped} B gzipped${over ? ` (over the ${LIMIT} B budget)` : ''}`);
}
if (failed) process.exit(1);
