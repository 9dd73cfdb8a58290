import type { Problem } from './types';

/** Why a decision was not recorded: the ledger's problem when it refused one, else `status` 0. */
export class LedgerError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problem?: Problem,
    /** The `consentId` or `withdrawalId` concerned, when there is one. */
    readonly id?: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}
