import { describe, expect, it } from 'vitest';
import { redirectProblem } from '../../functions/adapters/http-client.ts';

const check = (from: string, to: string) => redirectProblem(new URL(from), new URL(from), new URL(to));

describe('which redirects stay on the site', () => {
  it.each([
    ['http://www.voanews.com/a/1.html', 'https://www.voanews.com/a/1.html'],
    ['https://voanews.com/a/1.html', 'https://www.voanews.com/a/1.html'],
    ['https://www.voanews.com/a/1.html', 'https://voanews.com/a/1.html'],
    ['http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/b'],
  ])('%s to %s is followed', (from, to) => {
    expect(check(from, to)).toBeUndefined();
  });

  it.each([
    ['sites that share only their last two labels', 'https://a.co.uk/x', 'https://b.co.uk/x', /another site/],
    ['a sibling subdomain', 'https://www.voanews.com/x', 'https://evil.voanews.com/x', /another site/],
    ['another port on the same host', 'http://127.0.0.1:8080/x', 'http://127.0.0.1:9001/x', /another port/],
    [
      'a port named on a public host',
      'https://www.voanews.com/x',
      'https://www.voanews.com:8443/x',
      /another port/,
    ],
    ['https down to http', 'https://www.voanews.com/x', 'http://www.voanews.com/x', /from https to http/],
    ['a file: URL', 'https://www.voanews.com/x', 'file:///etc/passwd', /a file: URL/],
  ])('a redirect to %s is refused', (_what, from, to, reason) => {
    expect(check(from, to)).toMatch(reason);
  });
});
