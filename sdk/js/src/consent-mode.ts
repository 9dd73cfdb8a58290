import type { BannerState } from './types';

type Gtag = (command: 'consent', action: 'update', state: Record<string, string>) => void;

/** Sets Google Consent Mode from the visitor's state; returns whether there was anything to set. */
export function applyConsentMode(
  state: Pick<BannerState, 'consentMode'> | null | undefined,
  gtag: Gtag | undefined = (window as { gtag?: Gtag }).gtag,
): boolean {
  const mode = state && state.consentMode;
  if (!mode || !Object.keys(mode).length || typeof gtag !== 'function') return false;
  gtag('consent', 'update', mode);
  return true;
}
