import type { ArticleFailure, ArticleFetchResult, ArticleSource } from '../core/ports.ts';
import { type HttpLimits, httpGet } from './http-client.ts';

/** 404 and 410 say the page is gone; 408, 425, 429 and 5xx that it may come back. */
export function failureOfStatus(status: number | undefined): ArticleFailure {
  if (status === undefined) return 'transient';
  if (status === 404 || status === 410) return 'gone';
  if (status >= 500 || status === 408 || status === 425 || status === 429) return 'transient';
  return 'permanent';
}

/** Article pages over HTTP, within the same limits as feeds. */
export function createHttpArticleSource(options: {
  fetch?: typeof fetch;
  limits: HttpLimits;
}): ArticleSource {
  const fetchImpl = options.fetch ?? fetch;
  return {
    async fetchArticle(url): Promise<ArticleFetchResult> {
      const response = await httpGet(fetchImpl, url, options.limits, {
        accept: 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5',
      });
      if (response.kind === 'ok') {
        if (!response.text.trim()) return { kind: 'error', failure: 'transient', reason: 'empty page' };
        return { kind: 'ok', html: response.text, url: response.url };
      }
      if (response.kind === 'not-modified')
        return { kind: 'error', failure: 'transient', reason: 'unexpected 304' };
      // No status: the exchange itself failed (a timeout, a reset, a body over the cap or cut short).
      return {
        kind: 'error',
        failure: failureOfStatus(response.status),
        reason: response.reason,
        status: response.status,
      };
    },
  };
}
