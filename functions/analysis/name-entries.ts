/** What kind of speaker a name stands for. */
export type EntityKind = 'person' | 'org';

/** One person or organization of the article, under the earliest, longest form of its name. */
export interface NameEntry {
  id: number;
  name: string;
  /** Lowercase name words, for matching later mentions. */
  words: string[];
  kind: EntityKind;
  gender?: 'm' | 'f';
  /** The gender is only a guess from the first name, which a pronoun may contradict. */
  weakGender?: boolean;
  /** Roles stated for this entry, in document order. */
  roles: string[];
  /** The most specific role, once the table is complete. */
  role?: string;
  /** A person the article describes but never names: a speaker who stays null. */
  anonymous?: boolean;
  /** People described together ("residents", "members of the public"): never "he" or "she". */
  plural?: boolean;
}

/** A mention of a table entry in the body, outside quotes. */
export interface Mention {
  entry: NameEntry;
  paragraph: number;
  start: number;
  end: number;
  /** Index of the sentence in the paragraph. */
  sentence: number;
  /** First person mentioned in its sentence: a likely subject. */
  subject: boolean;
}

/** The per-article name table and the mentions of its entries. */
export interface NameTable {
  entries: NameEntry[];
  mentions: Mention[];
}
