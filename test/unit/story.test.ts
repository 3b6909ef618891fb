import { describe, expect, it } from 'vitest';
import { normalizeItem } from '../../functions/adapters/rss-feed-source.ts';
import { byPublished, normalizeUrl, storyKey } from '../../functions/core/story.ts';

describe('story identity', () => {
  it('a VOA story is keyed by its numeric id, whatever the URL shape', () => {
    const shapes = [
      'https://www.voanews.com/a/us-china-trade-accusations-on-human-rights/1234567.html',
      'https://www.voanews.com/a/1234567.html',
      'http://voanews.com/content/us-china-trade-accusations/1234567.html?utm_source=rss#top',
    ];
    expect(new Set(shapes.map((link) => storyKey(link, undefined)))).toEqual(new Set(['voa:1234567']));
  });

  it('other links fall back to a normalized URL, then to the guid', () => {
    expect(storyKey('https://example.com/news/story/?id=1#x', undefined)).toBe(
      'url:https://example.com/news/story',
    );
    expect(storyKey(undefined, 'tag:example.com,2024:42')).toBe('guid:tag:example.com,2024:42');
    expect(storyKey('javascript:alert(1)', undefined)).toBeUndefined();
  });

  it('normalizeUrl refuses what is not http(s)', () => {
    expect(normalizeUrl('ftp://example.com/x')).toBeUndefined();
    expect(normalizeUrl('data:text/html,hi')).toBeUndefined();
    expect(normalizeUrl('not a url')).toBeUndefined();
  });

  it('an RSS item is normalized: trimmed title, pubDate with its offset, image, author, categories', () => {
    const item = normalizeItem('east-asia', {
      title: 'US, China Trade Accusations on Human Rights \n ',
      link: 'https://www.voanews.com/a/us-china-trade-accusations-on-human-rights/1234567.html',
      guid: 'https://www.voanews.com/a/us-china-trade-accusations-on-human-rights/1234567.html',
      pubDate: 'Fri, 27 Jul 2012 18:05:00 -0400',
      contentSnippet: 'Annual human rights talks...',
      author: 'webdesk@voanews.com (VOA News)',
      categories: ['East Asia', 'China'],
      enclosure: { url: 'https://gdb.voanews.com/abc_cx0_cy6_cw0_w800_h450.jpg', type: 'image/jpeg' },
    });
    expect(item).toMatchObject({
      key: 'voa:1234567',
      title: 'US, China Trade Accusations on Human Rights',
      publishedRaw: 'Fri, 27 Jul 2012 18:05:00 -0400',
      image: 'https://gdb.voanews.com/abc_cx0_cy6_cw0_w800_h450.jpg',
      author: 'webdesk@voanews.com (VOA News)',
      categories: ['East Asia', 'China'],
    });
    expect(item?.published?.toISOString()).toBe('2012-07-27T22:05:00.000Z');
  });

  it('an item with an invalid date keeps no date, and one with no link or guid is dropped', () => {
    const undated = normalizeItem('f', {
      title: 't',
      link: 'https://example.com/a',
      pubDate: 'yesterday-ish',
    });
    expect(undated?.published).toBeUndefined();
    expect(normalizeItem('f', { title: 'no identity' })).toBeUndefined();
  });

  it('a huge title is cut', () => {
    const item = normalizeItem('f', { title: 'x'.repeat(100_000), link: 'https://example.com/a' });
    expect(item?.title.length).toBeLessThanOrEqual(1000);
  });

  it('stories sort oldest first, undated last', () => {
    const at = (iso?: string) =>
      ({ published: iso ? new Date(iso) : undefined }) as Parameters<typeof byPublished>[0];
    const sorted = [at(), at('2024-01-02T00:00:00Z'), at('2024-01-01T00:00:00Z')].sort(byPublished);
    expect(sorted.map((s) => s.published?.toISOString())).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-02T00:00:00.000Z',
      undefined,
    ]);
  });
});
