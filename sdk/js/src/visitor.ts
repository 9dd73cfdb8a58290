import { uuid } from './uuid';

/** The form the ledger accepts for a visitor id. */
export const VISITOR_ID = /^[A-Za-z0-9._:~+=@-]{1,200}$/;

/** About 13 months, the longest a consent choice is usually kept before asking again. */
const MAX_AGE = 395 * 24 * 60 * 60;

/** The visitor id kept in the first-party cookie `name`, made and stored on the first visit. */
export function cookieVisitorId(name: string): string {
  for (const part of document.cookie.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      if (VISITOR_ID.test(value)) return value;
    }
  }
  const id = uuid();
  // Not refreshed on later visits, so the id lives no longer than the choice it stands for.
  document.cookie =
    `${name}=${id}; path=/; max-age=${MAX_AGE}; SameSite=Lax` + (location.protocol === 'https:' ? '; Secure' : '');
  return id;
}
