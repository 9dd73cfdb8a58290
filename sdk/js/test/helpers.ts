import { vi } from 'vitest';
import { create } from '../src/index';
import type { Ledger, Options } from '../src/index';

export const QUEUE = 'consent-ledger:queue:shop.example';
export const COLLECT = 'https://ledger.example/api/v1/collect/shop.example';

/** A request the fake fetch received, with its body read back as JSON. */
export interface Call {
  url: string;
  init: RequestInit;
  body: any;
}

/** An answer: a status with a JSON body and headers, or an error thrown as a network failure is. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

/**
 * A fetch that answers the scripted replies in order, each one a reply or a function of the request; once they
 * run out it fails as a lost network does.
 */
export function fakeFetch() {
  const replies: (Reply | ((call: Call) => Reply))[] = [];
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const call = { url, init, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const next = replies.shift() ?? new TypeError('Failed to fetch');
    const reply = typeof next === 'function' ? next(call) : next;
    if (reply instanceof Error) throw reply;
    const headers = Object.fromEntries(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      status: reply.status,
      ok: reply.status >= 200 && reply.status < 300,
      headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
      json: async () => {
        if (reply.body === undefined) throw new SyntaxError('Unexpected end of JSON input');
        return reply.body;
      },
    } as unknown as Response;
  });
  vi.stubGlobal('fetch', fetch);
  return {
    fetch,
    calls,
    reply(...more: (Reply | ((call: Call) => Reply))[]) {
      replies.push(...more);
    },
  };
}

/** The receipt the ledger gives for a request: 201 when new, 200 when it replays one it holds. */
export function receipt(call: Call, replayed = false): Reply {
  const decision = call.body.consent ?? call.body.withdrawal;
  return {
    status: replayed ? 200 : 201,
    body: {
      eventId: 'evt-' + (decision.consentId ?? decision.withdrawalId),
      type: call.body.consent ? 'consent.given' : 'consent.withdrawn',
      siteId: 'shop.example',
      visitorId: call.body.visitorId,
      submissionId: 'sub-1',
      occurredAt: decision.occurredAt,
      recordedAt: new Date().toISOString(),
      replayed,
    },
  };
}

export const recorded = (call: Call) => receipt(call);
export const replayed = (call: Call) => receipt(call, true);

// Node's, which the fake clock leaves alone.
const { setImmediate } = globalThis as unknown as { setImmediate: (callback: () => void) => void };

/** Lets every pending promise run, without moving the fake clock. */
export async function settle() {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Moves the fake clock, then lets what that started finish. */
export async function advance(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

export function queued(): any[] {
  return JSON.parse(localStorage.getItem(QUEUE) || '[]');
}

const opened: Ledger[] = [];

/** A ledger for the test site, closed after the test so that its listeners do not outlive it. */
export function open(options: Partial<Options> = {}): Ledger {
  const ledger = create({ endpoint: 'https://ledger.example/', siteId: 'shop.example', key: 'pk_test', ...options });
  opened.push(ledger);
  return ledger;
}

export function closeAll() {
  while (opened.length) opened.pop()!.close();
}

export function clearCookies() {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0].trim();
    if (name) document.cookie = `${name}=; path=/; max-age=0`;
  }
}

export const consent = { policyVersion: 1, granted: ['statistics'], denied: ['marketing'] };
