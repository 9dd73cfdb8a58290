// The second verifier against every test vector (and the format 3 bundles the verifier module's tests write, once
// built), its command line's exit codes, make-test-vector.mjs, and the promise that its core runs in a browser.
//
//   node --test docs/evidence-format/verify-bundle.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalize, eventHash, keyId, parseStrict, readPublicKey, verifyBundle } from './verify-bundle.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const vectors = join(here, '../../verifier/src/test/resources/test-vectors');
const formatThree = join(here, '../../verifier/target/format-3-bundles');
const dirs = [...readdirSync(vectors).map((d) => join(vectors, d)), formatThree];

for (const dir of dirs) {
  test(`every bundle of ${dir.split('/').slice(-2).join('/')} gets the verdict and failing checks of verdicts.json`,
    { skip: !existsSync(dir) && 'not built: ./mvnw -pl verifier -am verify writes it' }, async () => {
      const expected = JSON.parse(readFileSync(join(dir, 'verdicts.json'), 'utf8'));
      const pem = readFileSync(join(dir, expected.publicKey), 'ascii');
      const listed = new Set(expected.bundles.map((b) => b.file));
      assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'verdicts.json'
        && !listed.has(f)), [], 'bundle files verdicts.json does not list');
      for (const { file, verified, failing } of expected.bundles) {
        const result = await verifyBundle(readFileSync(join(dir, file), 'utf8'), pem);
        const failed = [...new Set(result.findings.filter((f) => !f.holds).map((f) => f.check))];
        assert.deepEqual({ file, verified: result.verified, failing: failed.sort() },
          { file, verified, failing: failing.slice().sort() });
      }
    });
}

const bundle3 = join(vectors, 'bundle-3');

test('the core imports nothing and uses nothing of Node.js, so a browser runs it as it is', () => {
  const source = readFileSync(join(here, 'verify-bundle.mjs'), 'utf8');
  const code = source.replace(/^\s*\/\/.*$/gm, '');
  assert.doesNotMatch(code, /^\s*import\b/m);
  assert.doesNotMatch(code, /\bimport\(/);
  for (const name of ['Buffer', 'process', 'require', 'node:']) assert.ok(!code.includes(name), name);
});

test('the key id is that of §7, and a key is read from PEM with text around it and CRLF line ends', async () => {
  const pem = readFileSync(join(vectors, 'bundle-1', 'checkpoint-key.pem'), 'ascii');
  assert.equal(await keyId(pem), '506956062e7554bf');
  assert.equal((await readPublicKey(`The ledger's key, kept on 2026-12-06:\r\n${pem.replace(/\n/g, '\r\n')}`)).id,
    '506956062e7554bf');
  await assert.rejects(readPublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'),
    /not an Ed25519 public key/);
  await assert.rejects(readPublicKey('no key here'), /not a PEM/);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
  await assert.rejects(verifyBundle('{}', rsa), /not an Ed25519 public key/);
});

test('the example of §5 hashes to the hash the document gives', async () => {
  const bundle = parseStrict(readFileSync(join(vectors, 'bundle-1', 'bundle.json'), 'utf8'));
  const withdrawal = bundle.events.find((e) => e.eventId === '01a2495d-6f81-7ed0-b20d-efeea77a70c1');
  assert.equal(await eventHash(withdrawal), '9ce3d578ec3cc9c16f3cc7fe17341fd3e78103b3411401d6c6ca4adbe9d27d31');
  assert.ok(canonicalize({ b: 1n, a: 'é' }) instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(canonicalize({ b: 1n, a: 'é' })), '{"a":"é","b":1}');
});

test('the command line exits 0 verified, 1 not verified, 2 for a wrong command or a key it cannot read', () => {
  const run = (...args) => spawnSync(process.execPath, [join(here, 'verify-bundle-cli.mjs'), ...args],
    { encoding: 'utf8' });
  const key = join(bundle3, 'checkpoint-key.pem');
  const verified = run(join(bundle3, 'bundle.json'), key);
  assert.equal(verified.status, 0);
  assert.match(verified.stdout, /ok {4}\[answer\].*\n\nVERIFIED\n$/);
  const changed = run(join(bundle3, 'resigned-answer-changed.json'), key);
  assert.equal(changed.status, 1);
  assert.match(changed.stdout, /FAILS \[answer\] The ledger's rule applied to these events gives the bundle's/);
  assert.match(changed.stdout, /\n\nNOT VERIFIED\n$/);
  assert.equal(run(join(bundle3, 'bundle.json')).status, 2);
  assert.equal(run(join(bundle3, 'bundle.json'), join(bundle3, 'bundle.json')).status, 2);
  assert.equal(run(join(bundle3, 'no-such-bundle.json'), key).status, 2);
});

test('make-test-vector.mjs makes, from a bundle signed with a new key, a vector this verifier agrees with',
  async () => {
    // The vector's own private key is not published: sign bundle-3 again, checkpoint included, with a key made here.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' });
    const bundle = JSON.parse(readFileSync(join(bundle3, 'bundle.json'), 'utf8'));
    const cp = bundle.checkpoint;
    cp.keyId = await keyId(pem);
    cp.signature = sign(null, canonicalize(parseStrict(JSON.stringify({ keyId: cp.keyId, rootHash: cp.rootHash,
      signedAt: cp.signedAt, treeSize: cp.treeSize }))), privateKey).toString('base64');
    delete bundle.signature;
    bundle.signature = sign(null, canonicalize(parseStrict(JSON.stringify(bundle))), privateKey).toString('base64');
    const dir = mkdtempSync(join(tmpdir(), 'test-vector-'));
    try {
      writeFileSync(join(dir, 'issued.json'), JSON.stringify(bundle));
      writeFileSync(join(dir, 'signing-key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const out = join(dir, 'vector');
      mkdirSync(out);
      const made = spawnSync(process.execPath, [join(here, 'make-test-vector.mjs'), join(dir, 'issued.json'),
        join(dir, 'signing-key.pem'), out], { encoding: 'utf8' });
      assert.equal(made.status, 0, made.stderr);
      const checked = spawnSync(process.execPath, [join(here, 'check-test-vector.mjs'), out], { encoding: 'utf8' });
      assert.equal(checked.status, 0, checked.stdout);
      assert.match(checked.stdout, /all 13 verdicts as expected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
