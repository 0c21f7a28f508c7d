// The synthesis of a cycle (issue 10, item 2): what the analyses of the chosen submissions say
// together. Per GCM objective and per round table (cluster), who addressed it, in how many
// paragraphs, with the strongest excerpts; a respondents × objectives matrix (paragraph counts)
// and a respondents × principles matrix (the guiding-principles checklist); the figures reported;
// the practices called good or innovative; the gaps and challenges. Stakeholders' inputs (a
// template whose respondentType is 'stakeholder') are kept beside the States', labelled.
// Pure: a builder takes one response and its analysis at a time, so a caller reading thousands
// keeps none of the responses once added.
import { clusters, objectives, principles } from '../reference.ts';
import { answeredItems, type Questionnaire } from '../questionnaire/questionnaire.ts';
import type { ItemResponse } from '../questionnaire/response.ts';
import { textIn } from '../questionnaire/text.ts';
import type { Analysis, FigureValue } from './types.ts';

export type RespondentKind = 'state' | 'stakeholder';

/** One submission to synthesise: the response in the item model and its analysis (analyseResponse). */
export interface SynthesisSource {
  state: { iso3: string; name: string };
  questionnaire: Questionnaire;
  response: ItemResponse;
  analysis: Analysis;
}

export interface Respondent {
  iso3: string;
  name: string;
  respondent: RespondentKind;
}

export interface Excerpt extends Respondent {
  question: string;
  paragraph: number | null;
  text: string;
  confidence: number;
  /** Why the paragraph speaks to the objective: explicit mentions, else the terms that matched. */
  evidence: string[];
  objective: number;
}

export interface Coverage extends Respondent {
  paragraphs: number;
}

export interface ObjectiveSynthesis {
  number: number;
  title: string;
  cluster: number | null;
  /** The States that addressed it, with their paragraph counts (by name). */
  states: Coverage[];
  /** The stakeholders that addressed it, apart. */
  stakeholders: Coverage[];
  paragraphs: number;
  excerpts: Excerpt[];
}

export interface ClusterSynthesis {
  number: number;
  title: string;
  objectives: number[];
  states: Coverage[];
  stakeholders: Coverage[];
  /** Paragraphs speaking to any of its objectives (each counted once). */
  paragraphs: number;
  excerpts: Excerpt[];
}

export type PrincipleValue = 'yes' | 'no' | 'unanswered';

export interface SynthesisFigure extends Respondent {
  question: string | null;
  paragraph: number | null;
  raw: string;
  value: FigureValue;
  unit: string;
  what: string | null;
  year: number | null;
}

export interface GoodPractice extends Respondent {
  question: string;
  paragraphs: number[];
  text: string;
}

export interface Challenge extends Respondent {
  question: string;
  paragraph: number | null;
  text: string;
  objectives: number[];
}

export interface Synthesis {
  respondents: (Respondent & { paragraphs: number })[];
  objectives: ObjectiveSynthesis[];
  clusters: ClusterSynthesis[];
  /** Paragraph counts per respondent, objective 1 first (index = objective − 1). */
  objectiveMatrix: (Respondent & { counts: number[] })[];
  /** The guiding principles' answers per respondent, in the reference's order of `principleKeys`. */
  principleMatrix: (Respondent & { asked: boolean; values: PrincipleValue[] })[];
  principleKeys: string[];
  figures: SynthesisFigure[];
  goodPractices: GoodPractice[];
  challenges: Challenge[];
}

/** How many excerpts an objective or cluster keeps, and how many of them one respondent may give. */
export const excerptLimit = 5;
const perRespondent = 2;
const excerptChars = 500;

/** A paragraph's text cut at a word near `excerptChars`. */
export function excerptOf(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= excerptChars) return t;
  const cut = t.slice(0, excerptChars);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), excerptChars - 40))}…`;
}

interface ProseParagraph {
  question: string;
  number: number | null;
  text: string;
  challenge: boolean;
}

/**
 * The answered paragraphs in the order analyseResponse lists them (answered items in form order,
 * prose answers, empty paragraphs skipped), each marked when its question asks for gaps and
 * challenges: apac-2020's "c" questions inside the clusters, elsewhere an item whose key, label
 * or English prompt says challenges.
 */
export function proseParagraphs(questionnaire: Questionnaire, response: ItemResponse): ProseParagraph[] {
  const out: ProseParagraph[] = [];
  for (const placed of answeredItems(questionnaire)) {
    const { item } = placed;
    const answer = response.answers[item.key];
    if (answer?.kind !== 'prose') continue;
    const question = placed.number ?? item.key;
    const challenge =
      questionnaire.id === 'apac-2020'
        ? placed.concerns.clusters.length > 0 && /c$/i.test(item.key)
        : /challenge/i.test(item.key) || /challenge/i.test('label' in item ? String(item.label ?? '') : '') || (item.kind === 'prose' && /challenge/i.test(textIn(item.prompt, 'en', questionnaire.language)));
    for (const p of answer.paragraphs) if (p.text.trim() !== '') out.push({ question, number: p.number, text: p.text, challenge });
  }
  return out;
}

const byName = (a: Respondent, b: Respondent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.iso3 < b.iso3 ? -1 : 1);

/** The strongest first (confidence, then an explicit mention), at most `perRespondent` from one respondent. */
function strongest(candidates: Excerpt[]): Excerpt[] {
  const sorted = [...candidates].sort((a, b) => b.confidence - a.confidence || byName(a, b) || (a.paragraph ?? 0) - (b.paragraph ?? 0));
  const taken = new Map<string, number>();
  const out: Excerpt[] = [];
  for (const e of sorted) {
    const key = `${e.respondent}:${e.iso3}`;
    if ((taken.get(key) ?? 0) >= perRespondent) continue;
    taken.set(key, (taken.get(key) ?? 0) + 1);
    out.push(e);
    if (out.length === excerptLimit) break;
  }
  return out;
}

/** Adds responses one at a time; `result()` gives the synthesis of those added. */
export class SynthesisBuilder {
  private readonly respondents: (Respondent & { paragraphs: number })[] = [];
  private readonly counts: number[][] = [];
  private readonly principleRows: Synthesis['principleMatrix'] = [];
  /** Per objective: the best candidates so far (kept short: a respondent's best few). */
  private readonly candidates = new Map<number, Excerpt[]>();
  /** Per cluster and respondent: the paragraphs speaking to any of its objectives. */
  private readonly clusterParagraphs = new Map<number, number[]>();
  private readonly clusterCandidates = new Map<number, Excerpt[]>();
  private readonly figures: SynthesisFigure[] = [];
  private readonly goodPractices: GoodPractice[] = [];
  private readonly challenges: Challenge[] = [];

  add(source: SynthesisSource): void {
    const { questionnaire, response, analysis } = source;
    const who: Respondent = { iso3: source.state.iso3, name: source.state.name, respondent: questionnaire.respondentType };
    const paragraphs = proseParagraphs(questionnaire, response);
    if (paragraphs.length !== analysis.paragraphs.length) {
      throw new Error(`The analysis of ${who.name} lists ${analysis.paragraphs.length} paragraphs but the response has ${paragraphs.length}: it is not this response's analysis.`);
    }
    const row = objectives.map(() => 0);
    const perCluster = new Map<number, number>();
    const mine = new Map<number, Excerpt[]>();
    const mineByCluster = new Map<number, Excerpt[]>();
    const questionOf = new Map<number, string>();
    analysis.paragraphs.forEach((pa, i) => {
      const p = paragraphs[i]!;
      if (pa.number !== null) questionOf.set(pa.number, pa.question);
      const seenClusters = new Set<number>();
      for (const tag of pa.objectives) {
        if (tag.number < 1 || tag.number > objectives.length) continue;
        row[tag.number - 1]! += 1;
        const excerpt: Excerpt = {
          ...who,
          question: pa.question,
          paragraph: pa.number,
          text: p.text,
          confidence: tag.confidence,
          evidence: tag.evidence.mentions.length ? tag.evidence.mentions : tag.evidence.terms,
          objective: tag.number,
        };
        push(mine, tag.number, excerpt);
        const cluster = clusters.find((c) => c.objectives.includes(tag.number));
        if (cluster) {
          if (!seenClusters.has(cluster.number)) perCluster.set(cluster.number, (perCluster.get(cluster.number) ?? 0) + 1);
          seenClusters.add(cluster.number);
          push(mineByCluster, cluster.number, excerpt);
        }
      }
      if (p.challenge) this.challenges.push({ ...who, question: pa.question, paragraph: pa.number, text: p.text, objectives: pa.objectives.map((o) => o.number) });
    });
    // Only a respondent's best few can ever be among the strongest: the rest are dropped now.
    for (const [n, list] of mine) this.keep(this.candidates, n, list);
    for (const [n, list] of mineByCluster) this.keep(this.clusterCandidates, n, dedupe(list));
    this.respondents.push({ ...who, paragraphs: paragraphs.length });
    this.counts.push(row);
    for (const c of clusters) {
      const list = this.clusterParagraphs.get(c.number) ?? [];
      list.push(perCluster.get(c.number) ?? 0);
      this.clusterParagraphs.set(c.number, list);
    }
    this.principleRows.push({ ...who, ...principlesOf(questionnaire, response) });
    for (const f of analysis.figures) {
      this.figures.push({ ...who, question: f.paragraph === null ? null : (questionOf.get(f.paragraph) ?? null), paragraph: f.paragraph, raw: f.raw, value: f.value, unit: f.unit, what: f.what, year: f.year });
    }
    for (const m of analysis.mentions) if (m.kind === 'practice') this.goodPractices.push({ ...who, question: m.question, paragraphs: m.paragraphs, text: m.text });
  }

  private keep(into: Map<number, Excerpt[]>, n: number, list: Excerpt[]): void {
    const best = strongest(list).map((e) => ({ ...e, text: excerptOf(e.text) }));
    into.set(n, strongest([...(into.get(n) ?? []), ...best]));
  }

  result(): Synthesis {
    const order = this.respondents.map((r, i) => ({ r, i })).sort((a, b) => byName(a.r, b.r));
    const coverage = (count: (i: number) => number, kind: RespondentKind): Coverage[] =>
      order.filter(({ r, i }) => r.respondent === kind && count(i) > 0).map(({ r, i }) => ({ iso3: r.iso3, name: r.name, respondent: r.respondent, paragraphs: count(i) }));
    const objectiveSyntheses = objectives.map((o) => {
      const count = (i: number) => this.counts[i]![o.number - 1]!;
      return {
        number: o.number,
        title: o.title,
        cluster: clusters.find((c) => c.objectives.includes(o.number))?.number ?? null,
        states: coverage(count, 'state'),
        stakeholders: coverage(count, 'stakeholder'),
        paragraphs: this.counts.reduce((sum, row) => sum + row[o.number - 1]!, 0),
        excerpts: this.candidates.get(o.number) ?? [],
      };
    });
    const clusterSyntheses = clusters.map((c) => {
      const counts = this.clusterParagraphs.get(c.number) ?? [];
      const count = (i: number) => counts[i] ?? 0;
      return {
        number: c.number,
        title: c.title,
        objectives: [...c.objectives],
        states: coverage(count, 'state'),
        stakeholders: coverage(count, 'stakeholder'),
        paragraphs: counts.reduce((a, b) => a + b, 0),
        excerpts: this.clusterCandidates.get(c.number) ?? [],
      };
    });
    return {
      respondents: order.map(({ r }) => r),
      objectives: objectiveSyntheses,
      clusters: clusterSyntheses,
      objectiveMatrix: order.map(({ r, i }) => ({ iso3: r.iso3, name: r.name, respondent: r.respondent, counts: this.counts[i]! })),
      principleMatrix: order.map(({ i }) => this.principleRows[i]!),
      principleKeys: principles.map((p) => p.key),
      figures: sortedByRespondent(this.figures),
      goodPractices: sortedByRespondent(this.goodPractices),
      challenges: sortedByRespondent(this.challenges),
    };
  }
}

/** The synthesis of the given responses and their analyses. */
export function synthesize(sources: Iterable<SynthesisSource>): Synthesis {
  const builder = new SynthesisBuilder();
  for (const s of sources) builder.add(s);
  return builder.result();
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A paragraph once per cluster: its strongest objective's excerpt. */
function dedupe(list: Excerpt[]): Excerpt[] {
  const best = new Map<string, Excerpt>();
  for (const e of list) {
    const key = `${e.question}|${e.paragraph}|${e.text}`;
    const known = best.get(key);
    if (!known || e.confidence > known.confidence) best.set(key, e);
  }
  return [...best.values()];
}

/** Stable: respondents by name, each one's items in the order found. */
function sortedByRespondent<T extends Respondent>(items: T[]): T[] {
  return items.map((item, i) => ({ item, i })).sort((a, b) => byName(a.item, b.item) || a.i - b.i).map(({ item }) => item);
}

/** The guiding-principles checklist's answers, by the reference's principle keys ('unanswered' where a row is missing). */
function principlesOf(questionnaire: Questionnaire, response: ItemResponse): { asked: boolean; values: PrincipleValue[] } {
  const placed = answeredItems(questionnaire).find(({ item }) => item.kind === 'checklist' && item.role === 'guiding-principles');
  if (!placed) return { asked: false, values: principles.map(() => 'unanswered') };
  const answer = response.answers[placed.item.key];
  const rows = answer?.kind === 'checklist' ? answer.rows : {};
  return { asked: true, values: principles.map((p) => rows[p.key]?.value ?? 'unanswered') };
}
