import type { ArticleFetchResult, ArticleSource } from '../core/ports.ts';
import { type HttpLimits, httpGet } from './http-client.ts';

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
        if (!response.text.trim()) return { kind: 'error', reason: 'empty page' };
        return { kind: 'ok', html: response.text, url: response.url };
      }
      if (response.kind === 'not-modified') return { kind: 'error', reason: 'unexpected 304' };
      return { kind: 'error', reason: response.reason, status: response.status };
    },
  };
}
