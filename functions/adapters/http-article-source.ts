import type { ArticleFailure, ArticleFetchResult, ArticleSource } from '../core/ports.ts';
import { type HttpLimits, httpGet } from './http-client.ts';

/** 404 and 410 say the page is gone; 408, 425, 429 and 5xx that it may come back. */
export function failureOfStatus(status: number | undefined): ArticleFailure {
  if (status === undefined) return 'transient';
  if (status === 404 || status === 410) return 'gone';
  if (status >= 500 || status === 408 || status === 425 || status === 429) return 'transient';
  return 'permanent';
}

/**
 * Article pages over HTTP, within the same limits as feeds. A link on the origin of the feed that named
 * it (`context.feedUrl`) is fetched wherever that resolves; any other must reach a public address.
 *
 * @param options.trustedOrigins what counts as the feed's own site when a caller gives no `feedUrl`: the
 *   configured feeds' URLs (all chosen by the operator). Absent, such a link must be public.
 * @param options.guardedFetch the fetch for links off the feed's site (a test's recording fetch); default:
 *   undici's, through an agent that refuses non-public addresses.
 */
export function createHttpArticleSource(options: {
  fetch?: typeof fetch;
  limits: HttpLimits;
  trustedOrigins?: readonly string[];
  guardedFetch?: typeof fetch;
}): ArticleSource {
  const fetchImpl = options.fetch ?? fetch;
  return {
    async fetchArticle(url, context): Promise<ArticleFetchResult> {
      const trustedOrigins = context?.feedUrl ? [context.feedUrl] : (options.trustedOrigins ?? []);
      const response = await httpGet(
        fetchImpl,
        url,
        options.limits,
        { accept: 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5' },
        { trustedOrigins, ...(options.guardedFetch ? { guardedFetch: options.guardedFetch } : {}) },
      );
      if (response.kind === 'ok') {
        if (!response.text.trim()) return { kind: 'error', failure: 'transient', reason: 'empty page' };
        return { kind: 'ok', html: response.text, url: response.url };
      }
      if (response.kind === 'not-modified')
        return { kind: 'error', failure: 'transient', reason: 'unexpected 304' };
      return {
        kind: 'error',
        failure: response.status === undefined ? response.failure : failureOfStatus(response.status),
        reason: response.reason,
        ...(response.status === undefined ? {} : { status: response.status }),
      };
    },
  };
}
