import { describe, expect, it, vi } from 'vitest';
import { LedgerError, applyConsentMode } from '../src/index';
import { fakeFetch, open } from './helpers';

const state = {
  siteId: 'shop.example',
  visitorId: 'v 1/2',
  at: '2026-12-07T10:00:00Z',
  policyVersion: 1,
  categories: { necessary: 'EXEMPT', statistics: 'GRANTED', marketing: 'DENIED' },
  mustAsk: false,
  askReasons: [],
  consentMode: { ad_storage: 'denied', analytics_storage: 'granted' },
};

describe('current', () => {
  it("asks for the visitor's state with the key and answers it", async () => {
    const net = fakeFetch();
    net.reply({ status: 200, body: state });
    const ledger = open({ visitorId: 'v:1+2', key: 'pk_A&b' });

    const answer = await ledger.current();

    expect(net.calls[0].url).toBe(
      'https://ledger.example/api/v1/collect/shop.example/visitors/v%3A1%2B2?key=pk_A%26b',
    );
    expect(net.calls[0].init.method ?? 'GET').toBe('GET');
    expect(net.calls[0].init.mode).toBe('cors');
    expect(answer).toEqual(state);
  });

  it('rejects with the problem the ledger answers', async () => {
    const net = fakeFetch();
    const problem = { status: 403, title: 'Forbidden', detail: "this is not site 'shop.example''s publishable key", field: 'key' };
    net.reply({ status: 403, body: problem });
    const ledger = open({ visitorId: 'v-1' });

    const error = await ledger.current().catch((e) => e);

    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ status: 403, problem, message: problem.detail });
  });
});

describe('applyConsentMode', () => {
  it('updates Consent Mode with the states the ledger answered', () => {
    const gtag = vi.fn();
    expect(applyConsentMode(state, gtag)).toBe(true);
    expect(gtag).toHaveBeenCalledWith('consent', 'update', { ad_storage: 'denied', analytics_storage: 'granted' });
  });

  it('uses window.gtag by default', () => {
    const gtag = vi.fn();
    vi.stubGlobal('gtag', gtag);
    expect(applyConsentMode(state)).toBe(true);
    expect(gtag).toHaveBeenCalledTimes(1);
  });

  it('does nothing when there is no state to set or no gtag', () => {
    const gtag = vi.fn();
    expect(applyConsentMode({ consentMode: {} }, gtag)).toBe(false);
    expect(applyConsentMode(null, gtag)).toBe(false);
    expect(gtag).not.toHaveBeenCalled();
    expect(applyConsentMode(state)).toBe(false);
  });
});
