// The ledger's API as the console calls it: the token the auditor typed, kept for this tab only, and every refusal
// turned into the words of its RFC 9457 problem (detail, and the field at fault).

const TOKEN_KEY = 'consent-ledger-console.token';

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(message, status, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

const segment = (value) => encodeURIComponent(value);

export const paths = {
  status: () => '/api/v1/audit/status',
  consent: (site, visitor, query) => `/api/v1/sites/${segment(site)}/visitors/${segment(visitor)}/consent${q(query)}`,
  evidence: (site, visitor, query) => `/api/v1/sites/${segment(site)}/visitors/${segment(visitor)}/evidence${q(query)}`,
  publicKey: () => '/.well-known/consent-ledger/checkpoint-key.pem',
};

function q(query) {
  const entries = Object.entries(query ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries)}`;
}

async function problem(response) {
  try {
    const body = await response.json();
    const detail = typeof body?.detail === 'string' && body.detail !== '' ? body.detail : null;
    return { detail, field: typeof body?.field === 'string' ? body.field : null };
  } catch {
    return { detail: null, field: null };
  }
}

// GET path; resolves to the Response when it is 2xx, rejects with an ApiError in words otherwise.
export async function get(path, { authorized = true, accept = 'application/json' } = {}) {
  const headers = { Accept: `${accept}, application/problem+json` };
  if (authorized) headers.Authorization = `Bearer ${token.get() ?? ''}`;
  let response;
  try {
    response = await fetch(path, { headers, cache: 'no-store', credentials: 'omit', redirect: 'error' });
  } catch (e) {
    throw new ApiError(`The ledger could not be reached (${e.message}).`, 0, null);
  }
  if (!response.ok) {
    const { detail, field } = await problem(response);
    const what = detail ?? `the ledger answered ${response.status} ${response.statusText}`.trim();
    throw new ApiError(field ? `${what} (field: ${field})` : what, response.status, field);
  }
  return response;
}

export const getJson = async (path, options) => (await get(path, options)).json();

// The body as bytes, exactly as served: what is hashed and signed must not go through a lenient decoder.
export const getBytes = async (path, options) => new Uint8Array(await (await get(path, options)).arrayBuffer());
