import { describe, expect, it, vi } from 'vitest';
import { LedgerError, type Receipt } from '../src/index';
import {
  COLLECT,
  QUEUE,
  advance,
  consent,
  fakeFetch,
  open,
  queued,
  recorded,
  replayed,
  settle,
} from './helpers';

describe('record', () => {
  it('sends the decision as a simple CORS request with the key, the visitor and the filled-in fields', async () => {
    history.replaceState(null, '', '/shop/cart?email=a@b.example#top');
    const net = fakeFetch();
    net.reply(recorded);
    const onDelivered = vi.fn();
    const ledger = open({ visitorId: 'v-123', onDelivered });

    const receipt = await ledger.record({ consent: { ...consent, language: 'en', method: 'accept-all' } });

    expect(net.calls).toHaveLength(1);
    const [call] = net.calls;
    expect(call.url).toBe(COLLECT);
    expect(call.init).toMatchObject({
      method: 'POST',
      mode: 'cors',
      keepalive: true,
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
    expect(call.body).toEqual({
      key: 'pk_test',
      visitorId: 'v-123',
      consent: {
        consentId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        policyVersion: 1,
        occurredAt: '2026-12-07T10:00:00.000Z',
        granted: ['statistics'],
        denied: ['marketing'],
        language: 'en',
        method: 'accept-all',
        pageUrl: 'http://localhost:3000/shop/cart',
      },
    });
    expect(receipt).toMatchObject({ eventId: 'evt-' + call.body.consent.consentId, replayed: false });
    await settle();
    expect(onDelivered).toHaveBeenCalledWith(receipt);
    expect(localStorage.getItem(QUEUE)).toBeNull();
  });

  it('keeps the ids, instant and page it is given, and never claims an address or user agent', async () => {
    const net = fakeFetch();
    net.reply(recorded);
    const ledger = open({ visitorId: 'v-123' });
    const withdrawal = {
      withdrawalId: 'w-1',
      occurredAt: '2026-12-01T08:00:00Z',
      all: true,
      pageUrl: 'https://shop.example/privacy',
      ipAddress: '203.0.113.9',
      userAgent: 'Mozilla/5.0',
    };

    await ledger.record({ withdrawal } as never);

    expect(net.calls[0].body).toEqual({
      key: 'pk_test',
      visitorId: 'v-123',
      withdrawal: { withdrawalId: 'w-1', occurredAt: '2026-12-01T08:00:00Z', all: true, pageUrl: 'https://shop.example/privacy' },
    });
  });

  it('rejects what is neither a consent nor a withdrawal without queueing it', async () => {
    const net = fakeFetch();
    const ledger = open({ visitorId: 'v-123' });

    await expect(ledger.record({} as never)).rejects.toThrow(TypeError);
    await expect(ledger.record({ consent, withdrawal: { all: true } } as never)).rejects.toThrow(TypeError);
    expect(net.calls).toHaveLength(0);
    expect(queued()).toEqual([]);
  });
});

describe('the offline queue', () => {
  it('keeps a decision the network lost and sends it when the next page creates the SDK', async () => {
    const net = fakeFetch();
    const first = open({ visitorId: 'v-123' });
    first.record({ consent: { ...consent, consentId: 'c-1' } });
    await settle();
    expect(net.calls).toHaveLength(1);
    expect(queued()).toMatchObject([{ id: 'c:c-1', visitorId: 'v-123', consent: { consentId: 'c-1' } }]);
    first.close(); // the page is left before any retry

    net.reply(recorded);
    const onDelivered = vi.fn();
    open({ visitorId: 'v-456', onDelivered });
    await settle();

    expect(net.calls).toHaveLength(2);
    // The decision keeps the visitor it was made by, whoever the next page's visitor is.
    expect(net.calls[1].body).toMatchObject({ key: 'pk_test', visitorId: 'v-123', consent: { consentId: 'c-1' } });
    expect(queued()).toEqual([]);
    expect(onDelivered).toHaveBeenCalledWith(expect.objectContaining({ eventId: 'evt-c-1' }));
  });

  it('retries after a network failure with a growing back-off, then resolves once delivered', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // no jitter: the longest wait of each step
    const net = fakeFetch();
    net.reply(new TypeError('Failed to fetch'), new TypeError('Failed to fetch'), { status: 503 }, recorded);
    const ledger = open({ visitorId: 'v-123' });
    let receipt: Receipt | null | undefined;
    ledger.record({ consent: { ...consent, consentId: 'c-1' } }).then((r) => (receipt = r));
    await settle();
    expect(net.calls).toHaveLength(1);

    await advance(999);
    expect(net.calls).toHaveLength(1);
    await advance(1);
    expect(net.calls).toHaveLength(2);

    await advance(1999);
    expect(net.calls).toHaveLength(2);
    await advance(1);
    expect(net.calls).toHaveLength(3);
    expect(queued()).toHaveLength(1);
    expect(receipt).toBeUndefined();

    await advance(4000);
    expect(net.calls).toHaveLength(4);
    expect(net.calls[3].body.consent.consentId).toBe('c-1');
    expect(receipt).toMatchObject({ eventId: 'evt-c-1' });
    expect(queued()).toEqual([]);
  });

  it('spreads the waits with jitter and never waits more than a minute', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const net = fakeFetch();
    const ledger = open({ visitorId: 'v-123' });
    ledger.record({ consent });
    await settle();
    // 1 s, 2 s, 4 s ... each cut by a quarter at this jitter, up to 60 s cut likewise.
    for (const wait of [750, 1500, 3000, 6000, 12000, 24000, 45000, 45000, 45000]) {
      const before = net.calls.length;
      await advance(wait - 1);
      expect(net.calls).toHaveLength(before);
      await advance(1);
      expect(net.calls).toHaveLength(before + 1);
    }
  });

  it('tries again at once when the browser comes back online', async () => {
    const net = fakeFetch();
    const ledger = open({ visitorId: 'v-123' });
    const delivered = ledger.record({ consent });
    await settle();
    expect(net.calls).toHaveLength(1);

    net.reply(recorded);
    window.dispatchEvent(new Event('online'));
    await settle();

    expect(net.calls).toHaveLength(2);
    await expect(delivered).resolves.toMatchObject({ replayed: false });
    expect(queued()).toEqual([]);
  });

  it('queues the same decision once, and a replayed receipt delivers it', async () => {
    const net = fakeFetch();
    const ledger = open({ visitorId: 'v-123' });
    const first = ledger.record({ consent: { ...consent, consentId: 'c-1' } });
    await settle();
    const again = ledger.record({ consent: { ...consent, consentId: 'c-1' } });
    await settle();
    expect(queued()).toHaveLength(1);

    net.reply(replayed); // the lost request had reached the ledger after all
    await ledger.flush();
    await settle();

    expect(net.calls.map((c) => c.body.consent.consentId)).toEqual(['c-1', 'c-1']);
    await expect(first).resolves.toMatchObject({ eventId: 'evt-c-1', replayed: true });
    await expect(again).resolves.toMatchObject({ eventId: 'evt-c-1', replayed: true });
    expect(queued()).toEqual([]);
    await advance(120_000);
    expect(net.calls).toHaveLength(2);
  });

  it('drops a refused decision, rejects with the problem and reports it, without retrying', async () => {
    const net = fakeFetch();
    const problem = {
      status: 422,
      title: 'Unprocessable',
      detail: "category 'ads' is not in policy version 1",
      field: 'consent.granted',
      errors: [],
    };
    net.reply({ status: 422, body: problem, headers: { 'Content-Type': 'application/problem+json' } }, recorded);
    const onError = vi.fn();
    const ledger = open({ visitorId: 'v-123', onError });

    const refused = ledger.record({ consent: { ...consent, consentId: 'c-bad', granted: ['ads'] } });
    const error = await refused.catch((e) => e);

    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ status: 422, problem, id: 'c:c-bad', message: problem.detail });
    await settle();
    expect(onError).toHaveBeenCalledWith(error);
    expect(queued()).toEqual([]);
    await advance(120_000);
    expect(net.calls).toHaveLength(1);
  });

  it('goes on with the next decision after a refused one', async () => {
    const net = fakeFetch();
    net.reply({ status: 403, body: { status: 403, title: 'Forbidden', field: 'Origin' } }, recorded);
    const ledger = open({ visitorId: 'v-123', onError: () => {} });
    localStorage.setItem(
      QUEUE,
      JSON.stringify([
        { id: 'c:c-1', visitorId: 'v-1', consent: { ...consent, consentId: 'c-1' } },
        { id: 'c:c-2', visitorId: 'v-1', consent: { ...consent, consentId: 'c-2' } },
      ]),
    );
    await ledger.flush();
    await settle();

    expect(net.calls.map((c) => c.body.consent.consentId)).toEqual(['c-1', 'c-2']);
    expect(queued()).toEqual([]);
  });

  it('waits as long as a 429 Retry-After says', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const net = fakeFetch();
    net.reply({ status: 429, body: { status: 429, title: 'Too Many Requests' }, headers: { 'Retry-After': '7' } }, recorded);
    const ledger = open({ visitorId: 'v-123' });
    const delivered = ledger.record({ consent });
    await settle();
    expect(net.calls).toHaveLength(1);
    expect(queued()).toHaveLength(1);

    await advance(6999);
    expect(net.calls).toHaveLength(1);
    await advance(1);
    expect(net.calls).toHaveLength(2);
    await expect(delivered).resolves.toMatchObject({ replayed: false });
  });

  it('waits at least the back-off when Retry-After is zero', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const net = fakeFetch();
    net.reply({ status: 429, headers: { 'Retry-After': '0' } }, recorded);
    const ledger = open({ visitorId: 'v-123' });
    const delivered = ledger.record({ consent });
    await settle();

    await advance(999);
    expect(net.calls).toHaveLength(1);
    await advance(1);
    expect(net.calls).toHaveLength(2);
    await expect(delivered).resolves.toMatchObject({ replayed: false });
  });

  it('holds a new decision during a back-off and sends both on the next try', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const net = fakeFetch();
    net.reply({ status: 429, headers: { 'Retry-After': '30' } });
    const ledger = open({ visitorId: 'v-123' });
    ledger.record({ consent: { ...consent, consentId: 'c-1' } });
    await settle();
    ledger.record({ withdrawal: { withdrawalId: 'w-1', categories: ['statistics'] } });
    await settle();
    expect(net.calls).toHaveLength(1);

    net.reply(recorded, recorded);
    await advance(30_000);
    expect(net.calls.map((c) => c.body.consent?.consentId ?? c.body.withdrawal.withdrawalId)).toEqual([
      'c-1',
      'c-1',
      'w-1',
    ]);
    expect(queued()).toEqual([]);
  });

  it('keeps at most 50 decisions, dropping the oldest with an error', async () => {
    fakeFetch();
    const onError = vi.fn();
    const ledger = open({ visitorId: 'v-123', onError });
    const oldest = ledger.record({ consent: { ...consent, consentId: 'c-0' } }).catch((e) => e);
    await settle();
    for (let i = 1; i <= 50; i++) ledger.record({ consent: { ...consent, consentId: 'c-' + i } });

    const error = await oldest;
    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ status: 0, id: 'c:c-0' });
    await settle();
    expect(onError).toHaveBeenCalledWith(error);
    const ids = queued().map((i) => i.id);
    expect(ids).toHaveLength(50);
    expect(ids[0]).toBe('c:c-1');
    expect(ids[49]).toBe('c:c-50');
  });

  it('works on in memory when storage is refused', async () => {
    const net = fakeFetch();
    const storage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {},
    } as unknown as Storage;
    const ledger = open({ visitorId: 'v-123', storage });
    const delivered = ledger.record({ consent });
    await settle();
    expect(net.calls).toHaveLength(1);

    net.reply(recorded);
    await advance(60_000);
    expect(net.calls).toHaveLength(2);
    await expect(delivered).resolves.toMatchObject({ replayed: false });
  });
});

describe('beacons', () => {
  const beaconBody = async (data: BodyInit) => {
    const blob = data as Blob;
    expect(blob.type).toBe('text/plain;charset=utf-8');
    // jsdom's Blob has no text(): read it as a page would have before text() existed.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blob);
    });
    return JSON.parse(text);
  };

  it('falls back to sendBeacon without fetch, and drops what the browser accepted', async () => {
    vi.stubGlobal('fetch', undefined);
    const sendBeacon = vi.fn(() => true);
    vi.stubGlobal('navigator', { ...navigator, sendBeacon });
    const ledger = open({ visitorId: 'v-123' });

    const delivered = await ledger.record({ consent: { ...consent, consentId: 'c-1' } });

    expect(delivered).toBeNull();
    expect(sendBeacon).toHaveBeenCalledTimes(1);
    const [url, data] = sendBeacon.mock.calls[0] as unknown as [string, Blob];
    expect(url).toBe(COLLECT);
    expect(await beaconBody(data)).toMatchObject({ key: 'pk_test', visitorId: 'v-123', consent: { consentId: 'c-1' } });
    expect(queued()).toEqual([]);
  });

  it('keeps what a full beacon queue refused, and beacons it again later', async () => {
    vi.stubGlobal('fetch', undefined);
    const sendBeacon = vi.fn().mockReturnValueOnce(false).mockReturnValue(true);
    vi.stubGlobal('navigator', { ...navigator, sendBeacon });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const ledger = open({ visitorId: 'v-123' });
    const delivered = ledger.record({ consent });
    await settle();
    expect(queued()).toHaveLength(1);

    await advance(1000);
    expect(sendBeacon).toHaveBeenCalledTimes(2);
    await expect(delivered).resolves.toBeNull();
    expect(queued()).toEqual([]);
  });

  it('beacons what is still queued when the page is hidden, once, and keeps it until a receipt', async () => {
    const net = fakeFetch();
    const sendBeacon = vi.fn(() => true);
    vi.stubGlobal('navigator', { ...navigator, sendBeacon });
    const ledger = open({ visitorId: 'v-123' });
    const delivered = ledger.record({ consent: { ...consent, consentId: 'c-1' } });
    await settle();
    expect(net.calls).toHaveLength(1);

    window.dispatchEvent(new Event('pagehide'));
    expect(sendBeacon).toHaveBeenCalledTimes(1);
    expect(sendBeacon.mock.calls[0]).toEqual([COLLECT, expect.any(Blob)]);
    const body = await beaconBody((sendBeacon.mock.calls[0] as unknown as [string, Blob])[1]);
    expect(body).toEqual(net.calls[0].body);
    expect(queued()).toHaveLength(1);

    window.dispatchEvent(new Event('pagehide'));
    expect(sendBeacon).toHaveBeenCalledTimes(1);

    net.reply(replayed); // the beacon got through: the retry learns it
    window.dispatchEvent(new Event('online'));
    await expect(delivered).resolves.toMatchObject({ replayed: true });
    expect(queued()).toEqual([]);
  });

  it('beacons on visibilitychange to hidden, not to visible', async () => {
    fakeFetch();
    const sendBeacon = vi.fn(() => true);
    vi.stubGlobal('navigator', { ...navigator, sendBeacon });
    let state: DocumentVisibilityState = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => state);
    const ledger = open({ visitorId: 'v-123' });
    ledger.record({ consent });
    await settle();

    document.dispatchEvent(new Event('visibilitychange'));
    expect(sendBeacon).not.toHaveBeenCalled();
    state = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(sendBeacon).toHaveBeenCalledTimes(1);
  });

  it('stops listening once closed', async () => {
    fakeFetch();
    const sendBeacon = vi.fn(() => true);
    vi.stubGlobal('navigator', { ...navigator, sendBeacon });
    const ledger = open({ visitorId: 'v-123' });
    ledger.record({ consent });
    await settle();
    ledger.close();

    window.dispatchEvent(new Event('pagehide'));
    expect(sendBeacon).not.toHaveBeenCalled();
  });
});
