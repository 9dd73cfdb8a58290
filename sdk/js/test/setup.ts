import { afterEach, beforeEach, vi } from 'vitest';
import { clearCookies, closeAll } from './helpers';

beforeEach(() => {
  if (typeof document === 'undefined') return; // the bundle test runs in Node, without a page
  localStorage.clear();
  clearCookies();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2026-12-07T10:00:00.000Z'));
  history.replaceState(null, '', '/');
});

afterEach(() => {
  if (typeof document === 'undefined') return;
  closeAll();
  vi.useRealTimers();
});
