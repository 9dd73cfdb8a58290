// Writes a test vector (docs/evidence-format.md §12) from a bundle the ledger issued and the ledger's signing key:
// the bundle unchanged, its public key, altered copies, and verdicts.json with what a verifier must say of each.
//
//   node make-test-vector.mjs ISSUED-BUNDLE.json SIGNING-KEY.pem OUT-DIR
//
// The signing key is used to sign the "resigned-" copies again after their change, so that each check is tested
// on its own and not only behind a failing bundle signature. Keep the key out of the repository.
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { canonicalize, parseStrict } from './verify-bundle.mjs';

const [issuedPath, keyPath, out] = process.argv.slice(2);
if (!out) {
  console.log('usage: node make-test-vector.mjs ISSUED-BUNDLE.json SIGNING-KEY.pem OUT-DIR');
  process.exit(2);
}
const issued = readFileSync(issuedPath, 'utf8');
const { version } = JSON.parse(issued);
const formatOne = version === 'consent-ledger-evidence/1';
const privateKey = createPrivateKey(readFileSync(keyPath, 'ascii'));

const visitorEvent = (b, sequence) => b.events.find((e) => e.stream.includes('/') && e.sequence === sequence);
const flipHex = (h) => (h[0] === '0' ? '1' : '0') + h.slice(1);

function resign(b) {
  const unsigned = { ...b };
  delete unsigned.signature;
  b.signature = sign(null, canonicalize(parseStrict(JSON.stringify(unsigned))), privateKey).toString('base64');
  return b;
}

// Each change edits a copy of the issued bundle in place; JSON.stringify then writes it in the ledger's own compact
// form, so a copy differs from the issued text only where it was changed (or re-signed).
const changes = {
  signature(b) { b.signature = (b.signature[0] === 'A' ? 'B' : 'A') + b.signature.slice(1); },
  eventPayload(b) { visitorEvent(b, 0).payload.evidence.userAgent = 'Firefox/141'; },
  inclusionProof(b) { const proof = visitorEvent(b, 0).inclusionProof; proof[0] = flipHex(proof[0]); },
  logProof(b) { b.logProof[0] = flipHex(b.logProof[0]); },
  leafIndex(b) { const e = visitorEvent(b, 0); e.leafIndex = JSON.parse(issued).checkpoint.treeSize - 1; },
  answer(b) { b.answer.categories.find((c) => c.id === 'statistics').status = 'DENIED'; },
  eventRemoved(b) { const first = visitorEvent(b, 0); b.events = b.events.filter((e) => e !== first); },
  basis(b) { b.answer.basis.digest = flipHex(b.answer.basis.digest); },
  checkpoint(b) { b.checkpoint.signedAt = b.checkpoint.signedAt.replace(/(\d)Z$/, (m, d) => `${(+d + 1) % 10}Z`); },
};

const vector = [
  { file: 'bundle.json', failing: [], changed: 'none: the bundle as the ledger issued it' },
  { file: 'duplicate-member.json', failing: ['readable'], changed: 'a forged "answer" member added before the genuine one' },
  { file: 'signature-changed.json', failing: ['bundle-signature'], changed: 'first character of the bundle signature',
    change: changes.signature },
  { file: 'event-payload-changed.json', failing: ['bundle-signature', 'event-hash'],
    changed: "the consent's evidence.userAgent", change: changes.eventPayload },
  ...(formatOne ? [{ file: 'inclusion-proof-changed.json', failing: ['bundle-signature', 'inclusion'],
    changed: "first hex digit of the consent's inclusionProof[0]", change: changes.inclusionProof }] : [
    { file: 'log-proof-changed.json', failing: ['bundle-signature', 'inclusion'],
      changed: 'first hex digit of logProof[0]', change: changes.logProof }]),
  { file: 'answer-changed.json', failing: ['bundle-signature', 'answer'],
    changed: 'statistics GRANTED -> DENIED in the answer', change: changes.answer },
  { file: 'resigned-event-payload-changed.json', failing: ['event-hash'],
    changed: "the consent's evidence.userAgent; signed again", change: changes.eventPayload, resign: true },
  ...(formatOne ? [{ file: 'resigned-inclusion-proof-changed.json', failing: ['inclusion'],
    changed: "first hex digit of the consent's inclusionProof[0]; signed again", change: changes.inclusionProof,
    resign: true }] : [
    { file: 'resigned-log-proof-changed.json', failing: ['inclusion'],
      changed: 'first hex digit of logProof[0]; signed again', change: changes.logProof, resign: true },
    { file: 'resigned-leaf-index-changed.json', failing: ['inclusion'],
      changed: "the consent's leafIndex moved to the log's last entry; signed again", change: changes.leafIndex,
      resign: true }]),
  { file: 'resigned-answer-changed.json', failing: ['answer'],
    changed: 'statistics GRANTED -> DENIED in the answer; signed again', change: changes.answer, resign: true },
  { file: 'resigned-event-removed.json', failing: formatOne ? ['chain', 'answer'] : ['inclusion', 'chain', 'answer'],
    changed: "the visitor's first event (the consent) left out; signed again", change: changes.eventRemoved, resign: true },
  { file: 'resigned-checkpoint-changed.json', failing: ['checkpoint-signature'],
    changed: 'last digit of checkpoint.signedAt; bundle signed again', change: changes.checkpoint, resign: true },
];
// Bundles issued since answers state their basis: a changed basis must fail the answer check too.
if (JSON.parse(issued).answer.basis) {
  vector.push({ file: 'resigned-basis-changed.json', failing: ['answer'],
    changed: 'first hex digit of answer.basis.digest; signed again', change: changes.basis, resign: true });
}

for (const { file, change, resign: again } of vector) {
  let text = issued;
  if (file === 'duplicate-member.json') {
    text = `{"answer":{"siteId":"forged"},${issued.slice(1)}`;
  } else if (change) {
    const bundle = JSON.parse(issued);
    change(bundle);
    text = JSON.stringify(again ? resign(bundle) : bundle);
  }
  writeFileSync(`${out}/${file}`, text);
}
writeFileSync(`${out}/checkpoint-key.pem`, createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
writeFileSync(`${out}/verdicts.json`, `${JSON.stringify({
  format: version,
  publicKey: 'checkpoint-key.pem',
  bundles: vector.map(({ file, failing, changed }) => ({ file, verified: failing.length === 0, failing, changed })),
}, null, 2)}\n`);
