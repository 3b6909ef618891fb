import { describe, expect, it } from 'vitest';
import {
  EMBED_LIMITS,
  type Embed,
  escapeMarkdown,
  type PostView,
  renderPost,
  truncate,
} from '../../functions/core/render-post.ts';

const ZWSP = '\u200b';

function referenceView(overrides: Partial<PostView> = {}): PostView {
  return {
    title: 'US, China Trade Accusations on Human Rights',
    url: 'https://www.voanews.com/a/us-china-trade-accusations-on-human-rights/1234567.html',
    summary:
      'Annual human rights talks between the United States and China have produced few visible results, partly ' +
      'because of a difference in how each nation views civil liberties, analysts say.',
    authorLine: 'VOA News · East Asia',
    quotes: [
      {
        text: 'At the same time, we see that political reforms have not kept pace with economic advances.',
        speaker: 'Michael Posner',
        role: 'U.S. Assistant Secretary of State for Democracy, Human Rights and Labor',
      },
      {
        text: 'The U.S. side tends to look at how China lags behind in terms of political development.',
        speaker: 'Joshua Rosenzweig',
        role: 'Hong Kong-based independent rights analyst',
      },
      {
        text: 'These meetings are useful events for China to show that it is part of the world community.',
        speaker: 'David Kelly',
        role: 'head of research at China Policy',
      },
    ],
    topicLabel: 'Human rights',
    evidence: ['human rights', 'political reforms', 'freedom of expression'],
    published: new Date('2012-07-25T14:00:00.000Z'),
    image: 'https://gdb.voanews.com/0a1b2c3d_w1023_r1_s.jpg',
    ...overrides,
  };
}

function onlyEmbed(view: PostView): Embed {
  const post = renderPost(view);
  expect(post.embeds).toHaveLength(1);
  const [embed] = post.embeds;
  if (!embed) throw new Error('no embed');
  return embed;
}

function embedCharacters(embed: Embed): number {
  return (
    embed.title.length +
    (embed.description?.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

function expectWithinDiscordLimits(embed: Embed): void {
  expect(embed.title.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
  expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.author);
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.footer);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeGreaterThan(0);
    expect(field.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
    expect(field.value.length).toBeGreaterThan(0);
    expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
  }
  expect(embedCharacters(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
}

describe('renderPost layout', () => {
  it('lays the reference story out as DESIGN.md shows', () => {
    const post = renderPost(referenceView());

    expect(post.allowed_mentions).toEqual({ parse: [] });
    expect(post.content).toBeUndefined();
    expect(post.embeds).toEqual([
      {
        author: { name: 'VOA News · East Asia' },
        title: 'US, China Trade Accusations on Human Rights',
        url: 'https://www.voanews.com/a/us-china-trade-accusations-on-human-rights/1234567.html',
        description:
          'Annual human rights talks between the United States and China have produced few visible results, partly ' +
          'because of a difference in how each nation views civil liberties, analysts say.',
        fields: [
          {
            name: 'Michael Posner, U.S. Assistant Secretary of State for Democracy, Human Rights and Labor',
            value:
              '> “At the same time, we see that political reforms have not kept pace with economic advances.”',
          },
          {
            name: 'Joshua Rosenzweig, Hong Kong-based independent rights analyst',
            value:
              '> “The U.S. side tends to look at how China lags behind in terms of political development.”',
          },
          {
            name: 'David Kelly, head of research at China Policy',
            value:
              '> “These meetings are useful events for China to show that it is part of the world community.”',
          },
        ],
        footer: { text: 'Human rights · human rights, political reforms, freedom of expression' },
        timestamp: '2012-07-25T14:00:00.000Z',
        image: { url: 'https://gdb.voanews.com/0a1b2c3d_w1023_r1_s.jpg' },
        color: expect.any(Number),
      },
    ]);
  });

  it('names a quote by its speaker alone, its role alone, or as unattributed', () => {
    const embed = onlyEmbed(
      referenceView({
        quotes: [
          { text: 'One.', speaker: 'Michael Posner', role: null },
          { text: 'Two.', speaker: null, role: 'a State Department official' },
          { text: 'Three.', speaker: null, role: null },
        ],
      }),
    );

    expect(embed.fields?.map((field) => field.name)).toEqual([
      'Michael Posner',
      'a State Department official',
      'Unattributed',
    ]);
  });

  it('a link-only post has the title, link and footer but no description or fields', () => {
    const embed = onlyEmbed(referenceView({ linkOnly: true }));

    expect(embed.title).toBe('US, China Trade Accusations on Human Rights');
    expect(embed.url).toBe(referenceView().url);
    expect(embed).not.toHaveProperty('description');
    expect(embed).not.toHaveProperty('fields');
  });

  it('a story with no quotes has no fields, and one with no evidence shows the topic alone', () => {
    const embed = onlyEmbed(referenceView({ quotes: [], evidence: [] }));

    expect(embed).not.toHaveProperty('fields');
    expect(embed.footer).toEqual({ text: 'Human rights' });
  });

  it('an empty title falls back to the article link', () => {
    const embed = onlyEmbed(referenceView({ title: '   ' }));

    expect(embed.title).toBe(referenceView().url);
  });

  it('an invalid publication date leaves the timestamp out', () => {
    const embed = onlyEmbed(referenceView({ published: new Date('not a date') }));

    expect(embed).not.toHaveProperty('timestamp');
  });
});

describe('renderPost limits', () => {
  it('stays within every Discord limit with huge inputs', () => {
    const embed = onlyEmbed(
      referenceView({
        title: 'Headline '.repeat(500),
        summary: 'A sentence about rights. '.repeat(1000),
        authorLine: 'VOA News · '.repeat(100),
        quotes: Array.from({ length: 50 }, (_, i) => ({
          text: `word${i} `.repeat(400).slice(0, 2000),
          speaker: `Speaker ${i} `.repeat(40),
          role: 'role '.repeat(100),
        })),
        evidence: Array.from({ length: 1000 }, (_, i) => `evidence ${i}`),
      }),
    );

    expectWithinDiscordLimits(embed);
    expect(embed.title.endsWith('…')).toBe(true);
    expect(embed.description?.endsWith('…')).toBe(true);
  });

  it('keeps the 6000-character total by dropping trailing quotes before cutting the summary', () => {
    const quotes = Array.from({ length: 25 }, (_, i) => ({
      text: 'q'.repeat(900),
      speaker: `Speaker ${i}`,
      role: null,
    }));

    const embed = onlyEmbed(referenceView({ quotes }));

    expectWithinDiscordLimits(embed);
    expect(embed.description).toBe(referenceView().summary);
    expect(embed.fields?.[0]?.name).toBe('Speaker 0');
    expect(embed.fields?.length).toBeLessThan(25);
  });

  it('stays within limits when every character of the input needs escaping', () => {
    const stars = '*'.repeat(5000);

    const embed = onlyEmbed(
      referenceView({
        title: stars,
        summary: stars,
        quotes: Array.from({ length: 30 }, () => ({ text: stars, speaker: stars, role: stars })),
      }),
    );

    expectWithinDiscordLimits(embed);
  });

  it('never leaves a dangling escape where it cuts', () => {
    for (let length = 250; length < 262; length++) {
      const embed = onlyEmbed(referenceView({ title: `${'a'.repeat(length - 250)}${'*_'.repeat(200)}` }));

      const beforeEllipsis = embed.title.replace(/…$/, '');
      const trailingSlashes = /\\*$/.exec(beforeEllipsis)?.[0].length ?? 0;
      expect(trailingSlashes % 2, embed.title).toBe(0);
    }
  });

  it('a cut quote still closes its quotation mark', () => {
    const embed = onlyEmbed(
      referenceView({ quotes: [{ text: 'word '.repeat(600), speaker: 'A', role: null }] }),
    );

    const value = embed.fields?.[0]?.value ?? '';
    expect(value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    expect(value.startsWith('> “')).toBe(true);
    expect(value.endsWith('…”')).toBe(true);
  });
});

describe('renderPost against untrusted text', () => {
  it('escapes Discord markdown in the title, summary, speaker and quote', () => {
    const hostile = '**bold** _it_ ~~s~~ `code` ||spoiler|| [link](https://evil.example)';

    const embed = onlyEmbed(
      referenceView({
        title: hostile,
        summary: hostile,
        quotes: [{ text: hostile, speaker: hostile, role: null }],
      }),
    );

    const escaped =
      '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\[link\\](https://evil.example)';
    expect(embed.title).toBe(escaped);
    expect(embed.description).toBe(escaped);
    expect(embed.fields?.[0]).toEqual({ name: escaped, value: `> “${escaped}”` });
  });

  it('escapes headings, block quotes and list markers at the start of a line', () => {
    const embed = onlyEmbed(referenceView({ summary: '# Big\n> quoted\n- item\n  -# small' }));

    expect(embed.description).toBe('\\# Big\n\\> quoted\n\\- item\n  \\-# small');
  });

  it('defuses @everyone, @here, user, role and channel mentions everywhere it shows feed text', () => {
    const hostile =
      '@everyone @HERE <@123456789012345678> <@!123456789012345678> <@&123456789012345678> <#123456789012345678>';

    const embed = onlyEmbed(
      referenceView({
        title: hostile,
        summary: hostile,
        quotes: [{ text: hostile, speaker: hostile, role: hostile }],
      }),
    );

    for (const text of [embed.title, embed.description, embed.fields?.[0]?.name, embed.fields?.[0]?.value]) {
      expect(text).toContain(`@${ZWSP}everyone`);
      expect(text).toContain(`@${ZWSP}HERE`);
      expect(text).not.toMatch(/@(everyone|here)/i);
      expect(text).not.toMatch(/<(@[!&]?|#)\d+>/);
    }
  });

  it('asks Discord to parse no mentions at all', () => {
    expect(renderPost(referenceView()).allowed_mentions).toEqual({ parse: [] });
  });

  it('escapes a backslash so that it cannot escape the next character', () => {
    expect(escapeMarkdown('a\\*b')).toBe('a\\\\\\*b');
  });
});

describe('truncate', () => {
  it('leaves text within the limit untouched', () => {
    expect(truncate('short', 10)).toBe('short');
  });

  it('cuts at a word boundary and ends with an ellipsis within the limit', () => {
    const text = 'the quick brown fox jumps over the lazy dog';

    const cut = truncate(text, 20);

    expect(cut.length).toBeLessThanOrEqual(20);
    expect(cut.endsWith('…')).toBe(true);
    expect(text.startsWith(`${cut.slice(0, -1)} `)).toBe(true);
  });

  it('cuts inside a word that has no boundary near the limit', () => {
    expect(truncate('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
