// Reads the ledger's Kafka topics as an analytics consumer outside the JVM would: kafkajs for Kafka, the
// CloudEvents SDK's Kafka binding for the events, Ajv in strict mode against the published JSON Schemas. Fails on
// any message an SDK does not take for a CloudEvent, any message its schema refuses, a visitor's events out of
// order, or a checkpoint whose signature does not hold under the ledger's key.
//
//   node read-topics.mjs --brokers 127.0.0.1:9092 --base http://127.0.0.1:8080 [--events consent-events]
//        [--state consent-state] [--checkpoints consent-checkpoints] [--idle-seconds 5]
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kafka as CloudEventsKafka } from 'cloudevents';
import { Kafka, logLevel } from 'kafkajs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { canonicalize, parseStrict } from '../docs/evidence-format/verify-bundle.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const topics = { events: args.events ?? 'consent-events', state: args.state ?? 'consent-state',
  checkpoints: args.checkpoints ?? 'consent-checkpoints' };
const idleMillis = Number(args['idle-seconds'] ?? 5) * 1000;
const schemas = new URL('../ledger-api/src/main/resources/schemas/', import.meta.url);

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validEvent = ajv.compile(JSON.parse(readFileSync(new URL('consent-events.v4.schema.json', schemas))));
const validState = ajv.compile(JSON.parse(readFileSync(new URL('consent-state.v2.schema.json', schemas))));
const ledgerKey = createPublicKey(await (await fetch(`${args.base}/.well-known/consent-ledger/checkpoint-key.pem`)).text());

const failures = [];
const seen = new Set();
const sequences = new Map();
const counts = { events: 0, repeats: 0, states: 0, checkpoints: 0, types: new Map() };
const text = buffer => (buffer == null ? undefined : buffer.toString('utf8'));

const kafka = new Kafka({ clientId: 'contract-check', brokers: args.brokers.split(','), logLevel: logLevel.WARN });
const consumer = kafka.consumer({ groupId: `contract-check-${Date.now()}` });
await consumer.connect();
await consumer.subscribe({ topics: Object.values(topics), fromBeginning: true });
let lastMessage = Date.now();
await consumer.run({
  // One partition at a time, in offset order: the order a visitor's events must keep.
  partitionsConsumedConcurrently: 1,
  eachMessage: async ({ topic, partition, message }) => {
    lastMessage = Date.now();
    const where = `${topic}/${partition}@${message.offset}`;
    try {
      if (topic === topics.events) event(where, message);
      else if (topic === topics.state) state(where, message);
      else checkpoint(where, message);
    } catch (e) {
      failures.push(`${where}: ${e.message}`);
    }
  },
});
while (Date.now() - lastMessage < idleMillis) await new Promise(resolve => setTimeout(resolve, 250));
await consumer.disconnect();

function event(where, message) {
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, text(v)]));
  const cloudEvent = CloudEventsKafka.toEvent({ headers, key: text(message.key), value: text(message.value) });
  cloudEvent.validate();
  const value = JSON.parse(text(message.value));
  if (!validEvent(value)) throw new Error(`schema: ${ajv.errorsText(validEvent.errors)}`);
  if (seen.has(value.id)) {
    counts.repeats++;
    return;
  }
  seen.add(value.id);
  counts.events++;
  counts.types.set(value.type, (counts.types.get(value.type) ?? 0) + 1);
  if (value.sequence !== undefined) {
    const key = text(message.key);
    if (key !== `${value.source}/${value.subject}`) throw new Error(`key ${key} is not the visitor's`);
    const expected = (sequences.get(key) ?? -1) + 1;
    if (Number(value.sequence) !== expected) throw new Error(`${key}: sequence ${value.sequence}, expected ${expected}`);
    sequences.set(key, expected);
  }
}

function state(where, message) {
  const value = JSON.parse(text(message.value));
  if (text(message.headers?.['content-type']) !== 'application/json') throw new Error('no content-type application/json');
  if (!validState(value)) throw new Error(`schema: ${ajv.errorsText(validState.errors)}`);
  if (text(message.key) !== `${value.siteId}/${value.subject}`) throw new Error('key is not the visitor\'s');
  counts.states++;
}

function checkpoint(where, message) {
  const { treeSize, rootHash, signedAt, keyId, signature } = parseStrict(text(message.value));
  const signed = canonicalize({ keyId, rootHash, signedAt, treeSize });
  if (!verify(null, signed, ledgerKey, Buffer.from(signature, 'base64'))) throw new Error('checkpoint signature');
  counts.checkpoints++;
}

console.log(`${counts.events} events (${[...counts.types].map(([t, n]) => `${t} ${n}`).join(', ')}), `
  + `${counts.repeats} repeats, ${sequences.size} visitors in order, ${counts.states} states, `
  + `${counts.checkpoints} signed checkpoints`);
for (const type of ['org.consentledger.consent.given', 'org.consentledger.consent.withdrawn',
  'org.consentledger.policy.published']) {
  if (!counts.types.get(type)) failures.push(`no ${type} event on ${topics.events}`);
}
if (counts.states === 0 || counts.checkpoints === 0) failures.push('no state or no checkpoint was read');
if (failures.length > 0) {
  console.error(`${failures.length} failures; the first ones:\n${failures.slice(0, 20).join('\n')}`);
  process.exit(1);
}
console.log('Every message is a CloudEvent to the SDK, valid under its schema (Ajv strict), and in order.');
