// Starts the packaged ledger on a fresh H2 database with the demo banner on, and talks to its API with the token
// it generated, as an operator would.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SERVICE = resolve(import.meta.dirname, '../../ledger-service/target');

export async function startLedger(port) {
  const jar = readdirSync(SERVICE).find((f) => /^ledger-service-.*\.jar$/.test(f) && !f.includes('plain'));
  if (!jar) {
    throw new Error('build the service first: ./mvnw -pl ledger-service -am package -DskipTests');
  }
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const base = `http://localhost:${port}`;
  const process = spawn('java', ['-jar', join(SERVICE, jar), `--server.port=${port}`,
    '--server.address=127.0.0.1', '--ledger.demo.enabled=true'], { cwd: dir, stdio: 'ignore' });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const ready = await fetch(`${base}/actuator/health/readiness`);
      if (ready.ok) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline || process.exitCode !== null) {
      process.kill();
      throw new Error('the ledger did not become ready');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const token = readFileSync(join(dir, 'data/keys/access-token'), 'utf8').trim();
  return {
    base,
    token,
    async api(path) {
      const answer = await fetch(base + path, { headers: { Authorization: `Bearer ${token}` } });
      if (!answer.ok) {
        throw new Error(`GET ${path} answered ${answer.status}: ${await answer.text()}`);
      }
      return answer.json();
    },
    async stop() {
      process.kill();
      await new Promise((r) => process.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
