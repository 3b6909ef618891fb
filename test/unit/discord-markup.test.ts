import { describe, expect, it } from 'vitest';
import { defuseDiscordMarkup, escapeMarkdown, renderPost } from '../../functions/core/render-post.ts';

const ZWSP = '\u200b';
/** Each Discord markup that renders as something else than the text a feed wrote. */
const MARKUP = [
  '</herald status:123456789012345678>',
  '<t:0:R>',
  '<t:-100:F>',
  '<:party_blob:123456789012345678>',
  '<a:spin:123456789012345678>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
];
/** What Discord would still take as markup or a mass mention. */
const LIVE = /<(?:@[!&]?\d|#\d|\/[^<>\n]+:\d|a?:[^\s<>:]+:\d|t:-?\d)|@(?:everyone|here)/i;

describe('Discord markup in feed text', () => {
  it.each(MARKUP)('%s in a title, summary, quote, author or footer is defused', (markup) => {
    const text = `see ${markup} now`;
    const [embed] = renderPost({
      title: text,
      url: 'https://www.voanews.com/a/x/1.html',
      summary: text,
      authorLine: text,
      quotes: [{ text, speaker: text, role: text }],
      topicLabel: 'Human rights',
      evidence: [text],
    }).embeds;
    const shown = [
      embed?.title,
      embed?.description,
      embed?.author?.name,
      embed?.footer?.text,
      embed?.fields?.[0]?.name,
      embed?.fields?.[0]?.value,
    ];
    for (const field of shown) {
      expect(field).toBeDefined();
      expect(field).not.toMatch(LIVE);
    }
    // Readable still: only a zero-width space was added.
    expect(embed?.author?.name?.replace(new RegExp(ZWSP, 'g'), '')).toBe(text);
  });

  it('@everyone and @here in the embed author name are defused', () => {
    expect(defuseDiscordMarkup('@everyone from @here')).toBe(`@${ZWSP}everyone from @${ZWSP}here`);
  });

  it('an RTL override cannot turn a title around', () => {
    expect(escapeMarkdown('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(defuseDiscordMarkup('a\u2066b\u2067c\u2068d\u2069e\u200Ff\u200Eg')).toBe('abcdefg');
  });

  it('zero-width characters cannot hide a mention from the defusing', () => {
    // "@\u200deveryone" shows as @everyone once a client drops the joiner.
    const text = escapeMarkdown(`@\u200deveryone <\u200c@123456789012345678> @\ufeffhere <\u2060t:0:R>`);
    expect(text.replace(new RegExp(ZWSP, 'g'), '')).toBe('@everyone <@123456789012345678> @here <t:0:R>');
    expect(text).not.toMatch(LIVE);
    expect(text).not.toMatch(/\u200c|\u200d|\u2060|\ufeff/);
  });

  it('the embed author name is not markdown-escaped: it renders no markdown', () => {
    const [embed] = renderPost({
      title: 't',
      url: 'https://www.voanews.com/a/x/1.html',
      summary: '',
      authorLine: 'VOA_News · *East Asia*',
      quotes: [],
      evidence: [],
    }).embeds;
    expect(embed?.author?.name).toBe('VOA_News · *East Asia*');
  });
});
