// The command line of verify-bundle.mjs: reads the bundle and the key from files and prints each check.
//
//   node verify-bundle-cli.mjs BUNDLE.json KEY.pem
//
// Exit 0 verified, 1 not verified, 2 a wrong command or a file that cannot be read (the bundle not UTF-8, the key
// not an Ed25519 public key).
import { readFileSync, realpathSync } from 'node:fs';
import { verifyBundle } from './verify-bundle.mjs';

// Reads both files; rejects when one cannot be read, the bundle is not UTF-8 or the key is not an Ed25519 public key.
export async function verifyFiles(bundlePath, keyPath) {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(bundlePath));
  return verifyBundle(text, readFileSync(keyPath, 'ascii'));
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(new URL(import.meta.url))) {
  if (process.argv.length !== 4) {
    console.log('usage: node verify-bundle-cli.mjs BUNDLE.json KEY.pem');
    process.exit(2);
  }
  let result;
  try {
    result = await verifyFiles(process.argv[2], process.argv[3]);
  } catch (e) {
    console.log(`cannot read the bundle or the key: ${e.message}`);
    process.exit(2);
  }
  for (const f of result.findings) console.log(`  ${f.holds ? 'ok   ' : 'FAILS'} [${f.check}] ${f.statement}`);
  console.log(result.verified ? '\nVERIFIED' : '\nNOT VERIFIED');
  process.exit(result.verified ? 0 : 1);
}
