/**
 * Names that count tries: a loop bounded by one is a retry loop, not a loop over items (the Go and
 * TS summarisers). `maxRetries`, `MaxAttempts`, `tries`, or a word of a longer name
 * (`partBodyMaxRetries`, `numRetries`, `PART_MAX_RETRIES`: the alist audit; `retryCount <
 * maxRetries`, maxun), a camel-case or snake-case word only (`numEntries` holds `tries` and counts
 * items). A redirect or hop count bounds a loop the same way (`redirectDepth <= maxRedirects`: the
 * langfuse review).
 */
const RETRY_WORD = /[a-z\d](?:Max)?(?:Retr(?:y|ies)|Attempts?|Tries|Redirects|Hops)(?![a-z])|_(?:MAX_)?(?:RETR(?:Y|IES)|ATTEMPTS?|TRIES|REDIRECTS|HOPS)(?![A-Z])|_(?:max_)?(?:retr(?:y|ies)|attempts?|tries|redirects|hops)(?![a-z])/;
/** The same, whatever the case, for a name that starts with it. */
const RETRY_START = /^(?:max)?(?:retr(?:y|ies)|attempts?|tries|redirects|hops)\w*$/i;

/** Whether a loop bound, a name or a selection (`maxRetries`, `cfg.MaxAttempts`: its last part), counts tries. */
export function retryBound(bound: string): boolean {
  const name = bound.slice(bound.lastIndexOf('.') + 1);
  return RETRY_START.test(name) || RETRY_WORD.test(name);
}
