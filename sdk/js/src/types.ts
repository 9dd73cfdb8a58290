/** How a decision was made and where, as the ledger records it with the decision. */
export interface DecisionContext {
  noticeId?: string;
  language?: string;
  method?: 'accept-all' | 'reject-all' | 'custom' | 'close' | 'gpc' | 'api' | 'import' | (string & {});
  surface?: 'banner' | 'preference-centre' | 'app' | 'api' | 'import' | (string & {});
  regulation?: string;
  country?: string;
  region?: string;
  /** The page the decision was made on; the SDK fills it (without query or fragment) when missing. */
  pageUrl?: string;
}

/** A visitor's choice under one policy version. The SDK fills `consentId` and `occurredAt` when missing. */
export interface Consent extends DecisionContext {
  consentId?: string;
  policyVersion: number;
  occurredAt?: string;
  granted: string[];
  denied: string[];
  source?: string;
  tcString?: string;
  gppString?: string;
  gpc?: boolean;
}

/** A withdrawal of some categories, or of all with `all: true`. The SDK fills `withdrawalId` and `occurredAt`. */
export interface Withdrawal extends DecisionContext {
  withdrawalId?: string;
  occurredAt?: string;
  categories?: string[];
  all?: boolean;
}

export type Decision = { consent: Consent; withdrawal?: undefined } | { withdrawal: Withdrawal; consent?: undefined };

/** What the ledger answers once it holds the decision; `replayed` when it held the same id and content before. */
export interface Receipt {
  eventId: string;
  type: string;
  siteId: string;
  visitorId: string;
  submissionId?: string;
  occurredAt: string;
  recordedAt: string;
  replayed: boolean;
}

/** An RFC 9457 problem, as the ledger refuses a request. */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  field?: string;
  errors?: unknown[];
  [member: string]: unknown;
}

/** What a banner needs to know of its visitor now. */
export interface BannerState {
  siteId: string;
  visitorId: string;
  at: string;
  policyVersion: number | null;
  categories: Record<string, string>;
  mustAsk: boolean;
  askReasons: string[];
  consentMode: Record<string, string>;
}

export interface Options {
  /** The ledger's base URL, e.g. `https://ledger.example`. */
  endpoint: string;
  siteId: string;
  /** The site's publishable key (`pk_...`): public, not a secret. */
  key: string;
  /** The visitor's id; when missing, the first-party cookie `cookieName` holds one, made on the first visit. */
  visitorId?: string;
  cookieName?: string;
  /** Where undelivered decisions wait; `window.localStorage` unless given. */
  storage?: Storage;
  onError?: (error: Error) => void;
  onDelivered?: (receipt: Receipt) => void;
}

export interface TcfBridgeOptions {
  policyVersion: number;
  /** For each category, the TCF purposes that must all have consent for it to be granted. */
  purposes: Record<string, number[]>;
  noticeId?: string;
  language?: string;
}

export interface Ledger {
  readonly visitorId: string;
  /**
   * Queues the decision and sends it. Resolves to the ledger's receipt once delivered, or to `null` when only
   * `navigator.sendBeacon` could carry it (no answer to read); rejects with a {@link LedgerError} when refused.
   */
  record(decision: Decision): Promise<Receipt | null>;
  /** The visitor's current state, as the banner needs it. */
  current(): Promise<BannerState>;
  /** Records each choice the visitor makes in the page's TCF v2.2 CMP; returns a function that stops it. */
  bridgeTcf(options: TcfBridgeOptions): () => void;
  /** Sends what is queued now, without waiting for the back-off. */
  flush(): Promise<void>;
  /** Stops timers and listeners; what is queued stays for the next page load. */
  close(): void;
}
