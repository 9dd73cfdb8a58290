import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, open, recorded, settle } from './helpers';

type Listener = (data: unknown, success: boolean) => void;

/** A CMP's __tcfapi that remembers its listeners and lets the test fire events at them. */
function fakeCmp() {
  const listeners = new Map<number, Listener>();
  let next = 7;
  const api = vi.fn((command: string, version: number, callback: Listener, parameter?: unknown) => {
    expect(version).toBe(2);
    if (command === 'addEventListener') listeners.set(next++, callback);
    if (command === 'removeEventListener') listeners.delete(parameter as number);
  });
  vi.stubGlobal('__tcfapi', api);
  return {
    api,
    listeners,
    fire(eventStatus: string, tcString: string, consents: Record<number, boolean>, success = true) {
      for (const [listenerId, listener] of listeners) {
        listener({ tcString, eventStatus, listenerId, gdprApplies: true, purpose: { consents, legitimateInterests: {} } }, success);
      }
    },
  };
}

const purposes = { statistics: [1, 7, 8, 9, 10], marketing: [1, 2, 3, 4] };
const statisticsOnly = { 1: true, 2: false, 3: false, 4: true, 7: true, 8: true, 9: true, 10: true };

describe('bridgeTcf', () => {
  it("records the visitor's choice once, with the TC string and the categories whose purposes all have consent", async () => {
    const net = fakeFetch();
    net.reply(recorded, recorded);
    const cmp = fakeCmp();
    const ledger = open({ visitorId: 'v-1' });

    ledger.bridgeTcf({ policyVersion: 3, purposes, noticeId: 'banner-2', language: 'fr' });
    expect(cmp.api).toHaveBeenCalledWith('addEventListener', 2, expect.any(Function));
    cmp.fire('cmpuishown', 'CPold', statisticsOnly);
    cmp.fire('useractioncomplete', 'CPnew', statisticsOnly, false);
    await settle();
    expect(net.calls).toHaveLength(0);

    cmp.fire('useractioncomplete', 'CPnew', statisticsOnly);
    await settle();

    expect(net.calls).toHaveLength(1);
    expect(net.calls[0].body).toMatchObject({
      visitorId: 'v-1',
      consent: {
        policyVersion: 3,
        granted: ['statistics'],
        denied: ['marketing'],
        tcString: 'CPnew',
        method: 'custom',
        surface: 'banner',
        noticeId: 'banner-2',
        language: 'fr',
      },
    });
  });

  it('denies a category when one of its purposes has no consent', async () => {
    const net = fakeFetch();
    net.reply(recorded);
    const cmp = fakeCmp();
    open({ visitorId: 'v-1' }).bridgeTcf({ policyVersion: 1, purposes });

    cmp.fire('useractioncomplete', 'CPx', { 1: true, 2: true, 3: true, 4: true, 7: true, 8: true, 9: false, 10: true });
    await settle();

    expect(net.calls[0].body.consent).toMatchObject({ granted: ['marketing'], denied: ['statistics'] });
  });

  it('records a loaded string only when it is not the last one recorded, across reloads', async () => {
    const net = fakeFetch();
    net.reply(recorded, recorded, recorded);
    const cmp = fakeCmp();
    const stop = open({ visitorId: 'v-1' }).bridgeTcf({ policyVersion: 1, purposes });

    cmp.fire('tcloaded', 'CPfirst', statisticsOnly);
    await settle();
    expect(net.calls).toHaveLength(1);
    expect(net.calls[0].body.consent.tcString).toBe('CPfirst');
    stop();

    // The next page load: the CMP loads the same string, then the visitor changes their mind.
    const reloaded = fakeCmp();
    open({ visitorId: 'v-1' }).bridgeTcf({ policyVersion: 1, purposes });
    reloaded.fire('tcloaded', 'CPfirst', statisticsOnly);
    await settle();
    expect(net.calls).toHaveLength(1);

    reloaded.fire('useractioncomplete', 'CPsecond', {});
    await settle();
    expect(net.calls).toHaveLength(2);
    expect(net.calls[1].body.consent).toMatchObject({ tcString: 'CPsecond', granted: [], denied: ['statistics', 'marketing'] });

    reloaded.fire('tcloaded', 'CPsecond', {});
    await settle();
    expect(net.calls).toHaveLength(2);
  });

  it('stops listening with the listener id the CMP gave', async () => {
    const net = fakeFetch();
    const cmp = fakeCmp();
    const stop = open({ visitorId: 'v-1' }).bridgeTcf({ policyVersion: 1, purposes });
    cmp.fire('cmpuishown', 'CPx', {});
    expect(cmp.listeners.size).toBe(1);

    stop();

    expect(cmp.api).toHaveBeenCalledWith('removeEventListener', 2, expect.any(Function), 7);
    expect(cmp.listeners.size).toBe(0);
    cmp.fire('useractioncomplete', 'CPx', statisticsOnly);
    await settle();
    expect(net.calls).toHaveLength(0);
  });

  it('is a no-op without a CMP', () => {
    fakeFetch();
    const stop = open({ visitorId: 'v-1' }).bridgeTcf({ policyVersion: 1, purposes });
    expect(stop).toBeTypeOf('function');
    expect(() => stop()).not.toThrow();
  });
});
