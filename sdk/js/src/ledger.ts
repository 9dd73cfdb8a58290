import { LedgerError } from './errors';
import { createQueue, type Item } from './queue';
import { bridgeTcf } from './tcf';
import { beacon, post, refusal, type Outcome } from './transport';
import type { BannerState, Decision, Ledger, Options, Receipt } from './types';
import { uuid } from './uuid';
import { cookieVisitorId } from './visitor';

/** Enough for every choice a visitor makes while offline, small enough for any storage. */
const MAX_QUEUED = 50;
const MAX_DELAY = 60_000;

type Waiter = [(receipt: Receipt | null) => void, (error: LedgerError) => void];

export function create(options: Options): Ledger {
  const { siteId, key, onError, onDelivered } = options;
  const base = options.endpoint.replace(/\/+$/, '') + '/api/v1/collect/' + encodeURIComponent(siteId);
  const visitorId = options.visitorId || cookieVisitorId(options.cookieName || 'cl_vid');
  const storage = options.storage || localStorageIfAllowed();
  const queue = createQueue(storage, 'consent-ledger:queue:' + siteId, MAX_QUEUED);
  const waiting: Record<string, Waiter[]> = {};
  // The beacon on hiding goes once per item and page: hiding happens at every change of tab.
  const beaconed = new Set<string>();
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const body = (item: Item) =>
    JSON.stringify({ key, visitorId: item.visitorId, consent: item.consent, withdrawal: item.withdrawal });

  const settle = (id: string, receipt: Receipt | null, error?: LedgerError) => {
    const waiters = waiting[id] || [];
    delete waiting[id];
    for (const [resolve, reject] of waiters) error ? reject(error) : resolve(receipt);
  };

  const send = (item: Item): Promise<Outcome> | Outcome => {
    if (typeof fetch === 'function') return post(base, body(item), item.id);
    // Without fetch no answer can be read, so a beacon the browser accepted is as far as delivery goes.
    return beacon(base, body(item)) ? { delivered: true, receipt: null } : { delivered: false };
  };

  const drain = async () => {
    for (let item: Item | undefined; (item = queue.items()[0]); ) {
      const outcome = await send(item);
      if (outcome.delivered) {
        queue.remove(item.id);
        failures = 0;
        settle(item.id, outcome.receipt);
        if (outcome.receipt) report(onDelivered, outcome.receipt);
      } else if (outcome.refused) {
        queue.remove(item.id);
        settle(item.id, null, outcome.refused);
        report(onError, outcome.refused);
      } else {
        const delay = Math.min(MAX_DELAY, 1000 * 2 ** failures++);
        // Jitter keeps the pages that lost the ledger at the same moment from all coming back at once; a
        // Retry-After only makes the wait longer, so that a zero cannot make a tight loop.
        schedule(Math.max(outcome.retryAfter || 0, delay - (delay * Math.random()) / 2));
        return;
      }
    }
  };

  const flush = (): Promise<void> => {
    schedule();
    if (running) {
      again = true;
      return running;
    }
    return (running = (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (again && !timer);
      } finally {
        running = undefined;
      }
    })());
  };

  function schedule(delay?: number) {
    clearTimeout(timer);
    timer = delay === undefined ? undefined : setTimeout(flush, delay);
  }

  const hide = () => {
    for (const item of queue.items()) {
      if (beaconed.has(item.id)) continue;
      if (!beacon(base, body(item))) break;
      beaconed.add(item.id);
    }
  };
  const onVisibility = () => document.visibilityState === 'hidden' && hide();
  const onOnline = () => {
    failures = 0;
    flush();
  };
  addEventListener('pagehide', hide);
  addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisibility);

  const ledger: Ledger = {
    visitorId,

    record(decision: Decision) {
      let item: Item;
      try {
        item = prepare(decision, visitorId);
      } catch (error) {
        return Promise.reject(error);
      }
      const receipt = new Promise<Receipt | null>((resolve, reject) =>
        (waiting[item.id] ||= []).push([resolve, reject]),
      );
      for (const old of queue.add(item)) {
        const error = new LedgerError('the queue was full: its oldest decision was dropped', 0, undefined, old.id);
        settle(old.id, null, error);
        report(onError, error);
      }
      // During a back-off the decision waits for the next try; hiding the page beacons it meanwhile.
      if (!timer) flush();
      return receipt;
    },

    async current(): Promise<BannerState> {
      const response = await fetch(
        `${base}/visitors/${encodeURIComponent(visitorId)}?key=${encodeURIComponent(key)}`,
        { mode: 'cors', credentials: 'omit', cache: 'no-store' },
      );
      if (!response.ok) throw await refusal(response);
      return response.json();
    },

    bridgeTcf: (bridge) => bridgeTcf(ledger, storage, siteId, bridge),

    flush,

    close() {
      schedule();
      removeEventListener('pagehide', hide);
      removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
  flush();
  return ledger;
}

/** The decision as it is queued: a copy with its id, instant and page filled in. */
function prepare(decision: Decision, visitorId: string): Item {
  const now = new Date().toISOString();
  // The query and fragment may carry personal data (e-mail links, tokens) the evidence must not hold.
  const pageUrl = location.href.split(/[?#]/)[0].slice(0, 1024);
  if (decision && decision.consent && !decision.withdrawal) {
    const consent = { ...decision.consent, ...strip };
    consent.consentId ||= uuid();
    consent.occurredAt ||= now;
    consent.pageUrl ||= pageUrl;
    return { id: 'c:' + consent.consentId, visitorId, consent };
  }
  if (decision && decision.withdrawal && !decision.consent) {
    const withdrawal = { ...decision.withdrawal, ...strip };
    withdrawal.withdrawalId ||= uuid();
    withdrawal.occurredAt ||= now;
    withdrawal.pageUrl ||= pageUrl;
    return { id: 'w:' + withdrawal.withdrawalId, visitorId, withdrawal };
  }
  throw new TypeError('a decision is either {consent} or {withdrawal}');
}

/** The ledger takes the address and user agent from the request itself and refuses a body that claims them. */
const strip = { ipAddress: undefined, userAgent: undefined };

/** Calls back outside the delivery loop, so that a throwing callback cannot stop it. */
function report<T>(callback: ((value: T) => void) | undefined, value: T) {
  if (callback) queueMicrotask(() => callback(value));
}

/** Reading `localStorage` throws where the visitor blocks site data. */
function localStorageIfAllowed(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
