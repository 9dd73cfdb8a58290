// Generates a TypeScript client's types from the ledger's OpenAPI document with openapi-typescript, and type-checks
// real answers of the ledger (as fuzz-api.mjs --samples recorded them) against them with tsc --strict: a member
// the document calls non-null that the ledger sends as null, or one it does not describe, fails.
//
//   node check-types.mjs --openapi openapi.json --samples samples.json --out DIR
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const document = JSON.parse(readFileSync(args.openapi, 'utf8'));
const samples = JSON.parse(readFileSync(args.samples, 'utf8'));

writeFileSync(`${args.out}/api.d.ts`, astToString(await openapiTS(document)));
const lines = ["import type { paths } from './api';", ''];
samples.forEach(({ path, method, status, media, body }, i) => {
  const type = `paths[${JSON.stringify(path)}][${JSON.stringify(method)}]['responses'][${status}]['content'][${JSON.stringify(media)}]`;
  lines.push(`export const answer${i}: ${type} = ${JSON.stringify(body)};`);
});
writeFileSync(`${args.out}/answers.ts`, lines.join('\n') + '\n');

const tsc = new URL('node_modules/typescript/bin/tsc', import.meta.url).pathname;
try {
  execFileSync('node', [tsc, '--noEmit', '--strict', '--target', 'es2022', '--moduleResolution', 'bundler',
    '--module', 'es2022', `${args.out}/answers.ts`], { stdio: 'inherit' });
} catch {
  console.error('The generated client does not accept the ledger\'s real answers (above).');
  process.exit(1);
}
console.log(`${samples.length} real answers type-check against the client openapi-typescript generated.`);
