// Charges, offences and legal measures are often printed in quote marks because they are the law's own
// wording ("convicted of "spreading information against the state"", "a notice of "residential
// surveillance""). They are terms, not anybody's words, so they are not quotes.
const CHARGE_CONTEXT =
  /\b(?:(?:convicted|accused|guilty|suspected|suspicion|charges?|counts?|crimes?|offen[cs]es?|notice|warrant)\s+of|charged\s+with|(?:indicted|prosecuted|sentenced|jailed|imprisoned|detained|arrested)\s+(?:for|on(?:\s+charges\s+of)?)|(?:placed|held|put)\s+under)\s*(?:the\s+)?$/i;
const SPEECH_PRONOUN = /\b(?:i|me|my|we|us|our|you|your)\b/i;

/** True when a quoted phrase is the name of a charge or legal measure, by the words just before it. */
export function isNamedCharge(inner: string, before: string): boolean {
  const text = inner.trim();
  // A charge is a noun phrase in lowercase, never a sentence of its own.
  if (!/^\p{Ll}/u.test(text) || /[.!?]["'”’]?$/.test(text) || SPEECH_PRONOUN.test(text)) return false;
  return CHARGE_CONTEXT.test(before.replace(/[“"‘]\s*$/, ''));
}
