import type { Ledger, TcfBridgeOptions } from './types';

interface TcData {
  tcString?: string;
  eventStatus?: string;
  listenerId?: number;
  purpose?: { consents?: Record<string, boolean> };
}

type TcfApi = (command: string, version: number, callback: (data: TcData, success: boolean) => void, parameter?: unknown) => void;

/**
 * Records the visitor's choices in the page's TCF CMP as consents carrying the TC string. A `tcloaded` event is a
 * choice made earlier: recorded only when its string is not the last one recorded, so a reload records nothing.
 */
export function bridgeTcf(
  ledger: Pick<Ledger, 'record'>,
  storage: Storage | undefined,
  siteId: string,
  options: TcfBridgeOptions,
): () => void {
  const api = (window as { __tcfapi?: TcfApi }).__tcfapi;
  if (typeof api !== 'function') return () => {};
  const lastKey = 'consent-ledger:tcf:' + siteId;
  let last: string | null = null;
  let listenerId: number | undefined;
  let stopped = false;

  const read = () => {
    try {
      return storage ? storage.getItem(lastKey) : last;
    } catch {
      return last;
    }
  };
  const remove = () => api('removeEventListener', 2, () => {}, listenerId);

  const listener = (data: TcData, success: boolean) => {
    if (!success || !data) return;
    if (data.listenerId != null) listenerId = data.listenerId;
    if (stopped) return listenerId != null && remove();
    const tcString = data.tcString;
    const status = data.eventStatus;
    if (!tcString || !(status === 'useractioncomplete' || (status === 'tcloaded' && tcString !== read()))) return;
    last = tcString;
    try {
      if (storage) storage.setItem(lastKey, tcString);
    } catch {
      // Kept in memory: at worst a reload records the same choice again, which the evidence can bear.
    }
    const consents = (data.purpose && data.purpose.consents) || {};
    const granted: string[] = [];
    const denied: string[] = [];
    for (const category in options.purposes) {
      (options.purposes[category].every((id) => consents[id] === true) ? granted : denied).push(category);
    }
    ledger
      .record({
        consent: {
          policyVersion: options.policyVersion,
          granted,
          denied,
          tcString,
          method: 'custom',
          surface: 'banner',
          noticeId: options.noticeId,
          language: options.language,
        },
      })
      // Refusals reach onError; nobody else awaits this promise.
      .catch(() => {});
  };

  api('addEventListener', 2, listener);
  return () => {
    if (stopped) return;
    stopped = true;
    if (listenerId != null) remove();
  };
}
