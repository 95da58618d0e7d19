/**
 * The stand-in's limits, chosen to match the Content Lake where it has one, so code that works locally does not
 * fail in production (and one request cannot starve the others). Documented in lake/server/README.md.
 */

/** Mutation and action bodies: the Content Lake refuses larger ones (`Request body exceeds limit of 4000000 bytes`). */
export const MUTATION_BODY_LIMIT_BYTES = 4_000_000

/** Asset uploads are buffered in memory before they are hashed and stored: generous, but bounded. */
export const ASSET_BODY_LIMIT_BYTES = 200 * 1024 * 1024

/** Studio preferences (`/users/me/keyvalue`) are a few small JSON values. */
export const SETTINGS_BODY_LIMIT_BYTES = 1_000_000

/**
 * A query plus its JSON parameters: 300 KB, the API CDN's POST limit. groq-js parses in time that grows faster
 * than the query's length, so the cap also bounds how long a parse can take before the time limit ends it.
 */
export const QUERY_LIMIT_BYTES = 300_000

/** Room for the JSON wrapper of a POSTed query (`{"query": …, "params": …}`) on top of the query limit. */
export const QUERY_BODY_LIMIT_BYTES = QUERY_LIMIT_BYTES + 16_384

/** No route needs a longer URL than a GET query at the query limit. */
export const URL_LIMIT_BYTES = QUERY_LIMIT_BYTES + 16_384

/** Listener URLs: `@sanity/client` refuses to open one over 14,800 characters. */
export const LISTEN_URL_LIMIT_BYTES = 16_384

/** Each query is evaluated in a worker for at most this long; then the worker is replaced. */
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000

/** Query workers: each holds its own copy of the dataset, so two is the default on a developer machine. */
export const DEFAULT_QUERY_WORKERS = 2
