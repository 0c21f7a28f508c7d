// What the analysis of one response gives (analyse.ts): per paragraph, the GCM objectives it speaks
// to with the evidence; the figures reported; the checks that look inconsistent; the named laws,
// policies, agreements, institutions and practices. Every item says where it comes from.

/** Why a paragraph is tagged with an objective. */
export interface ObjectiveEvidence {
  /** Explicit mentions as written: "Objective 23", "objectives 1, 11 and 23". */
  mentions: string[];
  /** The vocabulary's terms that matched (weak ones marked "~"). */
  terms: string[];
  /** The question is about this objective (its cluster or its own objectives): context that lends weak terms weight. */
  inQuestion: boolean;
}

export interface ObjectiveTag {
  number: number;
  evidence: ObjectiveEvidence;
  /** 0-1: 0.95 for an explicit mention; from the terms' weight otherwise. */
  confidence: number;
}

export interface ParagraphAnalysis {
  /** The paragraph number as written; null for unnumbered text. */
  number: number | null;
  /** The question it answers, as printed ("1a", "7"), else the item's key. */
  question: string;
  objectives: ObjectiveTag[];
}

export type FigureValue = number | string | { from: number | string; to: number | string };

export interface Figure {
  /** As written, with its qualifier ("over 277,975", "between USD1,900 – USD2,100"). */
  raw: string;
  /** A number; an ISO date ("2014-06-06", "2014-06") for dates; a range as { from, to }. */
  value: FigureValue;
  /** "count", "percent", "percentage points", a currency ("USD", "EUR", "$"), "year" or "date". */
  unit: string;
  /** What it counts, as the text names it ("documented migrant workers", "women"); null when the text does not say. */
  what: string | null;
  /** The year it refers to where the sentence states one. */
  year: number | null;
  /** The number of the paragraph it is in; null for unnumbered text. */
  paragraph: number | null;
}

export type CheckCode = 'stated-count' | 'principle-unexplained' | 'no-source' | 'after-deadline' | 'figure-differs' | 'priorities';

export interface Check {
  code: CheckCode;
  /** One sentence for the officer reading the response. */
  message: string;
  question: string | null;
  paragraph: number | null;
}

export type MentionKind = 'law' | 'policy' | 'agreement' | 'institution' | 'partner' | 'practice';

export interface Mention {
  kind: MentionKind;
  /** The name as written, or for a practice the sentence that calls it good or innovative. */
  text: string;
  /** For an agreement: the other countries named with it (ISO 3166 alpha-3). */
  countries: string[];
  question: string;
  /** Paragraph numbers where it appears (unnumbered paragraphs are not listed). */
  paragraphs: number[];
}

export interface Analysis {
  paragraphs: ParagraphAnalysis[];
  figures: Figure[];
  checks: Check[];
  mentions: Mention[];
}
