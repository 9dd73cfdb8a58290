import { LedgerError } from './errors';
import type { Problem, Receipt } from './types';

const TEXT = 'text/plain;charset=UTF-8';

/** What became of one sending: delivered with its receipt, refused for good, or worth trying again later. */
export type Outcome =
  | { delivered: true; receipt: Receipt | null }
  | { delivered: false; refused: LedgerError }
  | { delivered: false; refused?: undefined; retryAfter?: number };

/**
 * Sends one body as a CORS simple request (text/plain), so that no preflight is needed; `keepalive` lets it
 * finish when the page is closed right after the visitor's click.
 */
export async function post(url: string, body: string, id: string): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      keepalive: true,
      headers: { 'Content-Type': TEXT },
      body,
    });
  } catch {
    return { delivered: false };
  }
  const status = response.status;
  if (status === 200 || status === 201) {
    const receipt = await readJson(response);
    // The ledger answers a receipt; anything else came from something in between, so ask again.
    return receipt ? { delivered: true, receipt: receipt as unknown as Receipt } : { delivered: false };
  }
  if (status === 429) return { delivered: false, retryAfter: retryAfter(response.headers.get('Retry-After')) };
  if (status >= 400 && status < 500 && status !== 408) return { delivered: false, refused: await refusal(response, id) };
  return { delivered: false };
}

/** Hands the body to the browser, which sends it even as the page closes but shows no answer. */
export function beacon(url: string, body: string): boolean {
  try {
    return navigator.sendBeacon(url, new Blob([body], { type: TEXT }));
  } catch {
    return false;
  }
}

export async function refusal(response: Response, id?: string): Promise<LedgerError> {
  const problem = ((await readJson(response)) || { status: response.status }) as Problem;
  return new LedgerError(
    problem.detail || problem.title || `the ledger answered ${response.status}`,
    response.status,
    problem,
    id,
  );
}

async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  try {
    const value = await response.json();
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

/** Milliseconds to wait, from seconds or an HTTP date. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return date ? Math.max(0, date - Date.now()) : undefined;
}
