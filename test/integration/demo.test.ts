import { describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { bufferIo } from '../support/buffer-io.ts';

describe('herald demo', () => {
  it('shows a forum post named after each story with its tag, and a role ping for the serious story only', async () => {
    const io = bufferIo();

    expect(await main(['demo'], io)).toBe(0);

    const text = io.stdout.join('\n');
    expect(text).toContain(
      'forum post "Three Journalists Detained After Covering Protest Over Fuel Prices" (tags',
    );
    expect(text.match(/pings role 200000000000000001, and no one else/g)).toHaveLength(1);
    expect(io.stderr.join('\n')).not.toContain('refused');
    // The digest channel gets nothing during the polls, then one digest of the two human-rights stories.
    expect(text.match(/\n#morning-digest\n/g)).toHaveLength(1);
    expect(text).toContain('Herald digest · morning digest: 2 stories');
  });
});
