import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, open } from './helpers';

const VISITOR_ID = /^[A-Za-z0-9._:~+=@-]{1,200}$/;

const cookie = (name: string) =>
  document.cookie
    .split('; ')
    .find((c) => c.startsWith(name + '='))
    ?.slice(name.length + 1);

describe('the visitor id', () => {
  it('is made on the first visit, kept in a first-party cookie and reused on the next', () => {
    fakeFetch();
    expect(cookie('cl_vid')).toBeUndefined();

    const first = open();
    expect(first.visitorId).toMatch(VISITOR_ID);
    expect(cookie('cl_vid')).toBe(first.visitorId);

    const second = open();
    expect(second.visitorId).toBe(first.visitorId);
  });

  it('sets the cookie for the whole site, for about 13 months, Lax, and Secure only on https', () => {
    fakeFetch();
    const written: string[] = [];
    vi.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => void written.push(value));

    open({ cookieName: 'vid' });
    vi.stubGlobal('location', { protocol: 'https:', href: 'https://shop.example/' });
    open({ cookieName: 'vid' });

    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^vid=[0-9a-f-]{36}; path=\/; max-age=34128000; SameSite=Lax$/);
    expect(written[1]).toMatch(/^vid=[0-9a-f-]{36}; path=\/; max-age=34128000; SameSite=Lax; Secure$/);
  });

  it('uses the cookie name given, and replaces a value the ledger would refuse', () => {
    fakeFetch();
    document.cookie = 'other=x; path=/';
    document.cookie = 'my_vid=not a valid id!; path=/';

    const ledger = open({ cookieName: 'my_vid' });

    expect(ledger.visitorId).toMatch(VISITOR_ID);
    expect(ledger.visitorId).not.toBe('not a valid id!');
    expect(cookie('my_vid')).toBe(ledger.visitorId);
    expect(cookie('other')).toBe('x');
  });

  it('reads an existing id among other cookies', () => {
    fakeFetch();
    document.cookie = 'a=1; path=/';
    document.cookie = 'cl_vid=v-42@shop.example; path=/';
    document.cookie = 'b=2; path=/';

    expect(open().visitorId).toBe('v-42@shop.example');
  });

  it('writes no cookie when the site gives the visitor id', () => {
    fakeFetch();
    const ledger = open({ visitorId: 'account-77' });

    expect(ledger.visitorId).toBe('account-77');
    expect(document.cookie).toBe('');
  });

  it('makes a UUID without randomUUID, where the page is not a secure context', () => {
    fakeFetch();
    const getRandomValues = vi.fn((bytes: Uint8Array) => bytes.fill(0xff));
    vi.stubGlobal('crypto', { getRandomValues });

    const ledger = open();

    expect(getRandomValues).toHaveBeenCalled();
    expect(ledger.visitorId).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});
