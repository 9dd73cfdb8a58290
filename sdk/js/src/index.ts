export { create } from './ledger';
export { applyConsentMode } from './consent-mode';
export { LedgerError } from './errors';
export type {
  BannerState,
  Consent,
  Decision,
  DecisionContext,
  Ledger,
  Options,
  Problem,
  Receipt,
  TcfBridgeOptions,
  Withdrawal,
} from './types';
