import type { Speaker } from './attribute-quotes.ts';
import { describedPerson } from './discourse-referents.ts';
import type { NounPhrase } from './noun-phrases.ts';
import {
  type Context,
  displayText,
  fromEntry,
  isState,
  latestEntry,
  resolveName,
  withoutDeterminer,
} from './speaker-resolution.ts';

type Description = Extract<NounPhrase, { type: 'descriptive' }>;

/** "officials", "spokesmen", "researchers": a head that stands for several people of one body. */
function pluralHead(np: Description, ctx: Context): boolean {
  const head = np.head;
  return head === 'officials' || (head.endsWith('s') && ctx.lex.roleNouns.has(head.slice(0, -1)));
}

/**
 * "Lakeside State Police officials said", "the Pacific Trade Forum group said": the body named by the
 * capitalized words before the head speaks. A person's head names a body only in the plural ("Acme
 * executives"); "an Acme spokesman" is someone the article does not name.
 */
function namedBody(ctx: Context, paragraph: number, np: Description): Speaker | undefined {
  if (!np.org && !pluralHead(np, ctx)) return undefined;
  const named = np.tokens.filter((t) => !ctx.lex.determiners.has(t.lower)).slice(0, -1);
  if (named.length === 0 || !named.every((t) => t.cap)) return undefined;
  // "the Vietnamese delegation": a people's or a place's word says whose, not which body.
  if (named.every((t) => ctx.lex.places.has(t.lower) || ctx.lex.demonyms.has(t.lower))) return undefined;
  const body = resolveName(ctx, paragraph, named);
  if (body?.kind !== 'org') return undefined;
  // "State media": a word of names alone is no body; the table's organization or a body's word is.
  const known = ctx.table.entries.some((e) => e.name === body.name);
  if (!known && !named.some((t) => ctx.lex.orgWords.has(t.lower))) return undefined;
  return { ...body, mention: displayText(ctx, paragraph, np.tokens) };
}

/**
 * "the water ministry" after "the ministry of water": the same body, named as the article first named
 * it. Only for one lowercase modifier; the search stops at the paragraph of the mention.
 */
function earlierForm(ctx: Context, paragraph: number, np: Description): string | undefined {
  const words = np.tokens.filter((t) => !ctx.lex.determiners.has(t.lower));
  const [modifier, head] = words;
  if (words.length !== 2 || !modifier || !head || modifier.cap || !/^\p{Ll}+$/u.test(modifier.lower))
    return undefined;
  const escaped = head.lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const form = new RegExp(`\\b${escaped} of (?:the )?${modifier.lower}\\b`, 'i');
  for (let p = 0; p <= paragraph; p += 1) {
    const found = form.exec(ctx.paragraphs[p] ?? '');
    if (found) return found[0];
  }
  return undefined;
}

/**
 * A description as a speaker: "the spokesman" is the person whose role says so, "the man" the person the
 * sentences before were about, "the group" the organization last named; "a senior official" is someone
 * the article does not name.
 */
export function resolveDescription(
  ctx: Context,
  paragraph: number,
  np: Description,
  at: number,
  anonymous: boolean,
): Speaker | undefined {
  const text = displayText(ctx, paragraph, np.tokens);
  const head = np.head;
  const modifiers = np.tokens.filter((t) => !ctx.lex.determiners.has(t.lower) && t.lower !== head);
  // "a senior official" or an anonymous source is someone new: never a table entry.
  const indefinite = ctx.lex.indefinites.has(np.tokens[0]?.lower ?? '') || anonymous;
  const body = namedBody(ctx, paragraph, np);
  if (body) return body;
  if (!np.org) {
    // "the spokesman" is the person whose role says so; "the cardinal" the one whose name keeps the title.
    const stem = head.replace(/(?:man|woman|person)$/, '');
    const inRole = new RegExp(`\\b${stem}`, 'i');
    const entry =
      indefinite || stem.length < 3
        ? undefined
        : latestEntry(
            ctx,
            at,
            (e) =>
              e.kind === 'person' && !e.anonymous && (e.words.includes(head) || inRole.test(e.role ?? '')),
          );
    if (entry) return fromEntry(entry, text);
    // "the man said", "the Spaniard said": the person the sentences before were about, named or not.
    const described = indefinite ? undefined : describedPerson(ctx.referents, at);
    if (described) return fromEntry(described, text);
    // "a British diplomat", "one guard": someone the article does not name stays unnamed.
    return {
      name: null,
      role: null,
      mention: text,
      kind: modifiers.length > 0 ? 'descriptive' : 'unknown',
    };
  }
  if (modifiers.some((t) => t.cap))
    return { name: withoutDeterminer(text), role: null, mention: text, kind: 'org' };
  const named = latestEntry(ctx, at, (e) => e.kind === 'org' && e.words.includes(head));
  if (named) return fromEntry(named, text);
  // "the press freedom group", "the rights organisation": a generic head, however described, is the
  // organization last named.
  const generic = ctx.lex.genericOrgs.has(head) && (!indefinite || modifiers.length === 0);
  const anyOrg = generic ? latestEntry(ctx, at, (e) => e.kind === 'org' && !isState(e, ctx.lex)) : undefined;
  if (anyOrg) return fromEntry(anyOrg, text);
  if (ctx.lex.massOrgs.has(head) || modifiers.length > 0)
    return {
      name: earlierForm(ctx, paragraph, np) ?? withoutDeterminer(text),
      role: null,
      mention: text,
      kind: 'org',
    };
  return { name: null, role: null, mention: text, kind: 'unknown' };
}
