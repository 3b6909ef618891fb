import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../functions/analysis/index.ts';
import {
  MAX_PAGE_DEPTH,
  MAX_PAGE_ELEMENTS,
  MIN_READABLE_TEXT,
  measurePage,
} from '../../../functions/analysis/page-budget.ts';
import { otherSitePage, voaPage } from './sample-pages.ts';

const feedItem = {
  title: 'Court Frees Reporter on Bail',
  description: 'A court freed a reporter on bail on Monday, his lawyer said, after three months in jail.',
};

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

const story = [
  'A regional court on Monday freed a reporter who had spent three months in jail over his reporting on a land dispute, his lawyer said.',
  'The reporter, who writes for a weekly newspaper in the provincial capital, was charged with spreading false news after a series of articles.',
  'His lawyer said the case would go on, and that the next hearing was set for the end of the month in the same court.',
];

describe('measuring a page before any DOM is built', () => {
  it('counts depth through void, self-closed and implicitly closed elements as a parser does', () => {
    const cost = measurePage('<div><p>a<p>b<br><img src=x><input/></div><ul><li>1<li>2</ul><span></span>');
    expect(cost).toMatchObject({ depth: 2, elements: 10 });
    expect(cost.over).toBeUndefined();
  });

  it('skips comments and the content of scripts and styles', () => {
    const cost = measurePage(
      '<div><!-- <div><div> --><script>if (a<b) "<div>"</script><style>p{}</style></div>',
    );
    expect(cost).toMatchObject({ depth: 1, elements: 3, text: 0 });
  });

  it('counts text outside tags', () => {
    expect(measurePage('<p>twelve chars</p>x').text).toBe(13);
  });

  it('stops at the first cap passed', () => {
    expect(measurePage('<div>'.repeat(MAX_PAGE_DEPTH + 1)).over).toBe('depth');
    expect(measurePage('<br>'.repeat(MAX_PAGE_ELEMENTS + 1)).over).toBe('elements');
    expect(measurePage('<div><span>x</span></div>'.repeat(MAX_PAGE_ELEMENTS)).over).toBe('elements');
  });

  it('the sample pages fit the budget', () => {
    expect(measurePage(voaPage).over).toBeUndefined();
    expect(measurePage(otherSitePage).over).toBeUndefined();
  });
});

describe('a budget for every page: hostile pages never reach Readability', () => {
  it('a 66 KB page of 6,000 nested divs extracts in well under a second, from the feed item', () => {
    const html = `<html><body>${'<div>'.repeat(6000)}<p>Hello.</p>${'</div>'.repeat(6000)}</body></html>`;
    expect(html.length).toBeGreaterThan(60_000);
    const { value: article, ms } = timed(() => extractArticle({ html, fallback: feedItem }));
    expect(ms).toBeLessThan(500);
    expect(article.source).toBe('description');
    expect(article.title).toBe('Court Frees Reporter on Bail');
  });

  it('6,000 nested divs inside a VOA body are read as plain text, not parsed', () => {
    const deep = `${'<div>'.repeat(6000)}${story.map((p) => `<p>${p}</p>`).join('')}${'</div>'.repeat(6000)}`;
    const html = `<html><body><div id="article-content"><div class="wsw">${deep}</div></div></body></html>`;
    const { value: article, ms } = timed(() => extractArticle({ html, fallback: feedItem }));
    expect(ms).toBeLessThan(500);
    expect(article.source).toBe('plain');
    expect(article.paragraphs).toEqual(story);
  });

  it('a page over the element cap falls back to its article as plain text', () => {
    const sidebar = '<li><a href="/x">More news</a></li>'.repeat(MAX_PAGE_ELEMENTS);
    const html = `<html><head><title>Reporter Freed | Example</title></head><body><nav><ul>${sidebar}</ul></nav><article><h1>Reporter Freed</h1>${story
      .map((p) => `<p>${p}</p>`)
      .join('')}</article><footer><p>All rights reserved.</p></footer></body></html>`;
    expect(measurePage(html).over).toBe('elements');
    const article = extractArticle({ html, fallback: feedItem });
    expect(article.source).toBe('plain');
    expect(article.title).toBe('Reporter Freed');
    expect(article.paragraphs).toEqual(story);
  });

  it('a page with too little text for Readability is read as plain text', () => {
    const html = `<html><body>${'<div><div><span>x</span></div></div>'.repeat(400)}</body></html>`;
    expect(measurePage(html).text).toBeLessThan(MIN_READABLE_TEXT);
    const { value: article, ms } = timed(() => extractArticle({ html, fallback: feedItem }));
    expect(ms).toBeLessThan(500);
    expect(article.source).toBe('description');
  });

  const MB5 = 5 * 1024 * 1024;
  const junk: Record<string, string> = {
    'flat spans': '<span>junk</span>',
    'unclosed paragraphs': '<p>junk words',
    'tags that never close their bracket': '<a ',
    'headings that never end': '<h1 ',
    'unclosed JSON-LD scripts': '<script type="application/ld+json">{',
    'nested VOA bodies': '<div class="wsw">',
    'meta tags with no end': '<meta ',
    'unclosed captions': '<figcaption>x',
    'bare text': 'junk words and more junk ',
  };
  for (const [name, unit] of Object.entries(junk)) {
    it(`a 5 MB page of ${name} stays bounded`, () => {
      const html = `<html><body>${unit.repeat(Math.ceil(MB5 / unit.length))}</body></html>`;
      const { value: article, ms } = timed(() => extractArticle({ html, fallback: feedItem }));
      expect(ms).toBeLessThan(5_000);
      expect(article.paragraphs.join(' ').length).toBeLessThan(100_000);
    });
  }
});
