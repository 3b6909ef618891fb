// Abbreviations for the tokenizer and the sentence splitter. Space-separated lowercase words without their period.

/** Abbreviations after which a period never ends a sentence: titles and months come before a name or a day. */
export const NEVER_FINAL =
  'mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm cmdr brig gov sen rep reps pres rev hon amb supt ' +
  'insp det fr st mt vs v cf jan feb mar apr jun jul aug sep sept oct nov dec messrs mme mlle';

/** Abbreviations that are not final when a number follows ("No. 5", "Art. 23"). */
export const BEFORE_NUMBER = 'no nos vol art fig ca approx p pp para sec ch';

/** Abbreviations that may also end a sentence: the next word decides. */
export const MAYBE_FINAL = 'inc ltd co corp bros llc plc etc al jr sr';

/** Words that, capitalized after an ambiguous abbreviation ("U.S.", "p.m.", "Inc."), start a new sentence. */
export const SENTENCE_STARTERS =
  'the a an but and or so yet he she it they we i you his her its their our my this that these those there ' +
  'here in on at for from with by as if when while after before since during although though because ' +
  'however meanwhile still also then now some many most several both each all no not one two three four ' +
  "five what who why how where which officials police authorities critics analysts experts he's she's it's";

/** Abbreviations that keep their period as part of the token ("Mr.", "Gen.", "Jr."). */
export const TOKEN_ABBREVIATIONS =
  'mr mrs ms dr prof gen lt col maj capt sgt cpl adm cmdr brig gov sen rep pres rev hon amb supt insp det ' +
  'fr st mt jr sr messrs mme no';
