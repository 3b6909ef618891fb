/** Hand-written pages in the shapes VOA-FORMAT.md describes, for the extraction tests. */

const jsonLd = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'NewsArticle',
  headline: 'Rights &amp; Wrongs: Activists Detained Before Vote',
  datePublished: '2019-06-30 22:02:29Z',
  articleSection: 'Africa',
  author: { '@type': 'Person', name: 'Jane Doe' },
  description: 'Police detained activists days before the vote.',
}).replace(/&/g, '\\u0026');

/** A VOA article page: JSON-LD, embeds, captions, a duplicated paragraph, sidebars and the author box. */
export const voaPage = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Rights &amp; Wrongs: Activists Detained Before Vote | Voice of America</title>
<meta content="Rights &amp; Wrongs: Activists Detained Before Vote" property="og:title">
<script type="application/ld+json">${jsonLd}</script>
</head><body>
<a href="#content">Accessibility links</a>
<div class="publishing-details"><div class="links"><ul><li><a class="links__item-link" href="/author/jane-doe">By Jane Doe</a></li></ul></div>
<time datetime="2019-06-30T22:02:29&#x2B;00:00">June 30, 2019</time></div>
<div id="article-content" class="content-floated-wrap">
<div class="wsw">
<div class="wsw__embed"><div class="media-pholder"><div class="c-mmp">No media source currently available</div><div>Embed</div><div>share</div><div>The code has been copied to your clipboard.</div></div></div>
<p>NAIROBI, KENYA &mdash; Police in Kenya detained six human rights activists on Saturday, days before a vote on a law that critics say would restrict free speech, their lawyers said.</p>
<figure class="media-image"><img src="x.jpg" alt=""><figcaption><span class="caption">&quot;We will not be silenced,&quot; reads a placard held by protesters in Nairobi, June 29, 2019.</span></figcaption></figure>
<p>The activists were taken from a meeting in the capital and held without charge, according to Amnesty International.</p>
<p>&ldquo;These arrests are meant to frighten anyone who speaks out,&rdquo; said Mary Wanjiru, a lawyer for the group.</p>
<h2 class="wsw__h2">Government response</h2>
<p>Interior Minister Peter Otieno denied that the arrests were political.</p>
<p>&ldquo;Nobody is above the law, and these people broke it,&rdquo; he said.</p>
<p>The activists were taken from a meeting in the capital and held without charge, according to Amnesty International.</p>
<div class="wsw__embed"><div><div>Pop-out player</div></div></div>
</div>
</div>
<div class="c-author"><div class="c-author__name">Jane Doe</div><p>The Voice of America provides news and information in more than 40 languages.</p></div>
<div class="media-block-wrap related"><p>Another story about something else entirely.</p></div>
</body></html>`;

/** A Learning English page: the glossary after the underscore rule is not part of the story. */
export const learningEnglishPage = `<!DOCTYPE html><html><head>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Students Protest New Fees","datePublished":"2023-03-01 12:00:00Z","author":{"name":"Dan Friedell"}}</script>
</head><body><div id="article-content"><div class="wsw">
<p>Students in several cities marched on Tuesday to protest higher university fees.</p>
<p>&ldquo;We cannot afford to study anymore,&rdquo; said Lina Costa, a student leader.</p>
<p>I&rsquo;m Dan Friedell.</p>
<p>____________________________________________</p>
<h2 class="wsw__h2">Words in This Story</h2>
<p><strong>fee</strong> &ndash; <em>n.</em> an amount of money that must be paid</p>
</div></div></body></html>`;

/** A page from another site, without VOA's markup: Readability finds the story. */
export const otherSitePage = `<!DOCTYPE html><html><head><title>Dissident Writer Freed After Five Years | The Daily Example</title>
<meta name="author" content="Reuters">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Dissident Writer Freed After Five Years</h1>
<p class="byline">By Sam Carter</p>
<figure><img src="w.jpg"><figcaption>"I am free," the writer said as he left the prison gate on Monday.</figcaption></figure>
<p>BEIJING (Reuters) - A dissident writer who spent five years in prison for essays criticizing the Communist Party was released on Monday, his family said, but he remains under close surveillance.</p>
<p>The writer, Liu Hong, was convicted in 2019 of inciting subversion of state power, a charge rights groups said was used to silence critics of the government.</p>
<p>&ldquo;He is thin and tired, but his spirit is not broken,&rdquo; his wife, Zhao Min, told Reuters by telephone from Beijing on Monday afternoon.</p>
<p>Police officers were posted outside the family&rsquo;s apartment and visitors were turned away, neighbors said.</p>
<p>Human rights groups have called on authorities to lift all restrictions on his movement and to allow him to travel abroad for medical treatment.</p>
</article></main>
<aside><h3>Most read</h3><ul><li>Football: Late goal wins the cup</li><li>Markets: Shares rise</li></ul></aside>
<footer><p>Copyright The Daily Example. All rights reserved.</p></footer>
</body></html>`;
