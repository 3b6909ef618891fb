/**
 * Takes secrets out of a line before it reaches a log, a stored `lastError`, `status`, an alert or an
 * embed: the `user:pass@` of any URL, the token of a Discord webhook URL, and a bot token in an
 * `Authorization` value. Errors from HTTP libraries quote the URL they were given, so any reason string
 * built from one goes through here.
 */
export function redact(text: string): string {
  return (
    text
      // scheme://user:pass@host or scheme://user@host: keep the scheme and host, drop who.
      .replace(/\b([a-z][a-z\d+.-]*:\/\/)[^\s/?#@]*@/gi, '$1***@')
      // …/webhooks/<id>/<token>: the id names the webhook, the token is the secret.
      .replace(/(\/webhooks\/\d+\/)[\w.-]+/gi, '$1***')
      .replace(/\b(Bot|Bearer)\s+[\w.-]{16,}/g, '$1 ***')
  );
}

/** Log fields with `redact` applied to every string in them, however deep: the last guard before a log line. */
export function redactFields(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return redact(value);
    if (depth > 6 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, depth + 1)]));
  };
  return walk(fields ?? {}, 0) as Record<string, unknown>;
}
