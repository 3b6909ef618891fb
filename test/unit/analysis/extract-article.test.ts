import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../functions/analysis/index.ts';
import { learningEnglishPage, otherSitePage, voaPage } from './sample-pages.ts';

describe('extracting a VOA page', () => {
  const article = extractArticle({ html: voaPage, url: 'https://www.voanews.com/a/x/123.html' });

  it('reads the .wsw body, without embeds, captions, duplicates or the author box', () => {
    expect(article.source).toBe('voa');
    expect(article.paragraphs).toHaveLength(6);
    const body = article.paragraphs.join('\n');
    expect(body).not.toMatch(
      /No media source|Embed|clipboard|Pop-out player|Voice of America provides|Another story/,
    );
    expect(body).not.toContain('placard');
    expect(article.paragraphs.filter((p) => p.startsWith('The activists were taken'))).toHaveLength(1);
  });

  it('keeps the subheads of the body', () => {
    expect(article.paragraphs).toContain('Government response');
  });

  it('reads metadata from JSON-LD and decodes its escaped entities', () => {
    expect(article.title).toBe('Rights & Wrongs: Activists Detained Before Vote');
    expect(article.published).toBe('2019-06-30T22:02:29.000Z');
    expect(article.section).toBe('Africa');
    expect(article.author).toBe('Jane Doe');
    expect(article.byline).toBe('Jane Doe');
  });

  it('keeps a figure caption aside', () => {
    expect(article.captions).toEqual([expect.stringContaining('reads a placard held by protesters')]);
  });

  it('falls back to og:title and <time datetime> without JSON-LD', () => {
    const page = voaPage.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '');
    const fallback = extractArticle({ html: page });
    expect(fallback.title).toBe('Rights & Wrongs: Activists Detained Before Vote');
    expect(fallback.published).toBe('2019-06-30T22:02:29.000Z');
  });

  it('cuts a Learning English story at its glossary and sign-off', () => {
    const story = extractArticle({ html: learningEnglishPage });
    expect(story.paragraphs).toEqual([
      'Students in several cities marched on Tuesday to protest higher university fees.',
      '“We cannot afford to study anymore,” said Lina Costa, a student leader.',
    ]);
  });
});

describe('extracting other pages', () => {
  it('uses Readability for a page without VOA markup, captions aside', () => {
    const article = extractArticle({ html: otherSitePage });
    expect(article.source).toBe('readability');
    expect(article.title).toBe('Dissident Writer Freed After Five Years');
    expect(article.paragraphs[0]).toMatch(/^BEIJING \(Reuters\) - A dissident writer/);
    expect(article.paragraphs.join('\n')).not.toMatch(/Most read|Copyright|I am free/);
    expect(article.captions).toEqual([expect.stringContaining('I am free')]);
  });

  it('detects wire copy from a dateline or the author', () => {
    expect(extractArticle({ html: otherSitePage }).wire).toBe('Reuters');
    const ap = voaPage.replace('"name":"Jane Doe"', '"name":"Associated Press"');
    expect(extractArticle({ html: ap }).wire).toBe('AP');
    expect(
      extractArticle({
        text: 'Title\n\nKYIV, Ukraine (AP) — Russia fired missiles overnight, officials said.',
      }).wire,
    ).toBe('AP');
    expect(extractArticle({ text: 'Title\n\nPARIS (AFP) - Protests continued.' }).wire).toBe('AFP');
    expect(extractArticle({ html: voaPage }).wire).toBeUndefined();
  });
});

describe('extracting a text dump', () => {
  const dump = [
    'Accessibility links',
    '',
    'Breaking News',
    '',
    'XS SM MD LG',
    'Court Jails Activist for Five Years',
    'By Jane Doe',
    'June 3, 2024 6:02 PM',
    'FILE - Police officers stand guard outside the court, May 1, 2024.',
    'The activist arrives at court on Monday.',
    'The activist arrives at court on Monday.',
    'A court on Monday sentenced a prominent activist to five years in prison for "spreading false information," his lawyer said.',
    '',
    'The verdict drew criticism from rights groups.',
    '',
    'The verdict drew criticism from rights groups.',
    '  • 16x9 Image',
    '',
    '    Jane Doe',
    '',
    'Jane Doe reports on courts for VOA.',
  ].join('\n');
  const article = extractArticle({ text: dump });

  it('takes the first line that is not chrome as the title', () => {
    expect(article.title).toBe('Court Jails Activist for Five Years');
  });

  it('drops chrome, captions, duplicates and the author box', () => {
    expect(article.paragraphs).toEqual([
      'A court on Monday sentenced a prominent activist to five years in prison for "spreading false information," his lawyer said.',
      'The verdict drew criticism from rights groups.',
    ]);
    expect(article.captions).toEqual([
      'FILE - Police officers stand guard outside the court, May 1, 2024.',
      'The activist arrives at court on Monday.',
    ]);
  });

  it('takes a byline run into the lead out of the text', () => {
    const glued = extractArticle({
      text: 'Schools to Reopen\n\nBy Jane Doe The government said on Monday it would reopen schools.',
    });
    expect(glued.byline).toBe('Jane Doe');
    expect(glued.paragraphs).toEqual(['The government said on Monday it would reopen schools.']);
  });

  it('reads the byline and date lines above the lead', () => {
    expect(article.byline).toBe('Jane Doe');
    expect(article.published).toBe('2024-06-03');
  });
});

describe('without a page', () => {
  it('builds the article from the RSS description, and says so', () => {
    const article = extractArticle({
      fallback: {
        title: 'Activist Dies in Custody ',
        description:
          'A prominent activist has died in police custody, his family said, calling for an inquiry into his death.On Friday, police said he had been ill. Rights groups say he was held without...',
      },
    });
    expect(article.source).toBe('description');
    expect(article.title).toBe('Activist Dies in Custody');
    expect(article.paragraphs).toEqual([
      'A prominent activist has died in police custody, his family said, calling for an inquiry into his death.',
      'On Friday, police said he had been ill.',
    ]);
  });

  it('uses the description when a page has no article text', () => {
    const article = extractArticle({
      html: '<html><body><nav>Menu</nav></body></html>',
      fallback: { description: 'Short blurb.' },
    });
    expect(article.source).toBe('description');
    expect(article.paragraphs).toEqual(['Short blurb.']);
  });
});
