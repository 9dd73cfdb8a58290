// Builds the ES module and the script-tag bundle, and copies both where the ledger service serves them.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundles } from './bundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const served = root + '../../ledger-service/src/main/resources/static/sdk/';

mkdirSync(served, { recursive: true });
for (const options of bundles(root)) {
  await build(options);
  copyFileSync(options.outfile, served + basename(options.outfile));
}
