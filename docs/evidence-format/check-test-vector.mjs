// Runs verify-bundle.mjs on every file of a test vector and compares its verdict, and the checks that fail, with
// verdicts.json. Exit 0 when all agree, 1 when one does not.
//
//   node check-test-vector.mjs [VECTOR-DIR]     (default: the verifier module's test-vectors/bundle-1)
import { readdirSync, readFileSync } from 'node:fs';
import { verifyFiles } from './verify-bundle-cli.mjs';

const dir = process.argv[2] ?? new URL('../../verifier/src/test/resources/test-vectors/bundle-1', import.meta.url).pathname;
const expected = JSON.parse(readFileSync(`${dir}/verdicts.json`, 'utf8'));
let disagreements = 0;

// A bundle file that verdicts.json does not list would otherwise go unchecked.
const listed = new Set(expected.bundles.map((b) => b.file));
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'verdicts.json' && !listed.has(f))) {
  console.log(`DIFFERS ${file}: not listed in verdicts.json`);
  disagreements++;
}

for (const { file, verified, failing } of expected.bundles) {
  const result = await verifyFiles(`${dir}/${file}`, `${dir}/${expected.publicKey}`);
  const failed = [...new Set(result.findings.filter((f) => !f.holds).map((f) => f.check))];
  const agrees = result.verified === verified && failed.slice().sort().join() === failing.slice().sort().join();
  if (!agrees) disagreements++;
  console.log(`${agrees ? 'agrees ' : 'DIFFERS'} ${file}: ${result.verified ? 'verified' : 'not verified'}`
    + `${failed.length ? ` (fails: ${failed.join(', ')})` : ''}${agrees ? '' : `; expected fails: ${failing.join(', ') || 'none'}`}`);
}
console.log(disagreements ? `${disagreements} verdict(s) differ from verdicts.json` : `all ${expected.bundles.length} verdicts as expected`);
process.exit(disagreements ? 1 : 0);
