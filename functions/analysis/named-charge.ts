// Charges, offences and legal measures are often printed in quote marks because they are the law's own
// wording ("convicted of "spreading information against the state"", "a notice of "residential
// surveillance""). They are terms, not anybody's words, so they are not quotes.
const CHARGE_CONTEXT =
  /\b(?:(?:convicted|accused|guilty|suspected|suspicion|charges?|counts?|crimes?|offen[cs]es?|notice|warrant)\s+of|charged\s+with|(?:indicted|prosecuted|sentenced|jailed|imprisoned|detained|arrested)\s+(?:for|on(?:\s+charges\s+of)?)|(?:placed|held|put)\s+under)\s*(?:the\s+)?$/i;
// A legal verb earlier in the sentence, then the preposition that names what the charge was: "sentenced
// Seitkali to seven years in prison for", "convicted her on Saturday of", "charged an agent, X, with".
const LEGAL_VERB_THEN =
  /\b(?:convicted|sentenced|jailed|imprisoned|detained|arrested|fined|punished|charged|prosecuted|indicted|tried|accused|banned|sentences?|(?:jail|prison)\s+(?:time|terms?))\b[^"“”.;]{0,80}?\b(?:for|of|with|under)\s*(?:the\s+)?$/i;
const HEDGE = /\s+(?:allegedly|reportedly|supposedly|purportedly|apparently)\s*$/i;
// A legal category the law assigns: "register as", "designated as", "charges including ... and".
const LEGAL_CATEGORY =
  /\b(?:(?:registered|register|designated|classified|labell?ed|listed)\s+as|charges?\s+(?:including|such\s+as)\b[^"“”.;]{0,80}?|criminali[sz](?:es|ed|ing)|outlaws?|prohibits?)\s*$/i;
// A pronoun of speech as a word of its own (not the "i" of "Baha'i").
const SPEECH_PRONOUN = /(?<![\p{L}'’])(?:i|me|my|we|us|our|you|your)(?![\p{L}'’])/iu;

/** True when a quoted phrase is the name of a charge or legal measure, by the words just before it. */
export function isNamedCharge(inner: string, before: string): boolean {
  const text = inner.trim();
  // A charge is a noun phrase in lowercase, never a sentence of its own.
  // American copy puts the sentence's full stop inside the marks; a question or a second sentence is speech.
  if (!/^\p{Ll}/u.test(text) || /[!?]["'”’]?$|[.!?]\s/.test(text) || SPEECH_PRONOUN.test(text)) return false;
  // "jailed for allegedly "...": a hedge between the preposition and the charge is no part of either.
  const context = before.replace(/[“"‘']\s*$/, '').replace(HEDGE, ' ');
  return CHARGE_CONTEXT.test(context) || LEGAL_VERB_THEN.test(context) || LEGAL_CATEGORY.test(context);
}
