// Analysis benchmark. Prints figures; asserts nothing.
//   npm run bench:analysis            (add -- --misses to list each wrong or missed tag and figure)
//
// 1. Objective mapping against the labelled set (test/fixtures/analysis/labelled.json: fictional
//    replies, each paragraph labelled with its objectives by reading the Compact): precision and
//    recall per objective and overall (micro-averaged), with the built-in vocabulary and each
//    paragraph's question as context, as the analysis of a response gives it.
// 2. Figures against the same set: a figure is found when one with the same value and unit is
//    extracted from its paragraph; standalone years are left out on both sides (the set does not
//    label every year a reply writes). Of the figures found, how often the year and what they
//    count agree with the label.
// 3. The time to analyse one response (target: well under 100 ms): the seed questionnaire
//    (../shared/seeds, when present) and the labelled set as one response, first run and the
//    median of later runs.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { analyseResponse } from '../src/domain/analysis/analyse.ts';
import { extractFigures } from '../src/domain/analysis/figures.ts';
import type { FigureValue } from '../src/domain/analysis/types.ts';
import { builtinVocabularies } from '../src/domain/analysis/vocabulary.ts';
import { objectives } from '../src/domain/reference.ts';
import { builtinQuestionnaire } from '../src/domain/questionnaire/builtin/index.ts';
import { answeredItems } from '../src/domain/questionnaire/questionnaire.ts';
import { emptyResponse } from '../src/domain/questionnaire/response.ts';
import type { ItemResponse } from '../src/domain/questionnaire/response.ts';
import { itemModelOf } from '../src/services/analysis.ts';

interface LabelledFigure {
  value: FigureValue;
  unit: string;
  what: string | null;
  year: number | null;
}
interface LabelledParagraph {
  id: number;
  state: string;
  question: string;
  /** Written and labelled after the vocabulary was tuned on the others, and not used to tune it. */
  heldOut: boolean;
  objectives: number[];
  text: string;
  figures: LabelledFigure[];
}

const showMisses = process.argv.includes('--misses');
const set = JSON.parse(readFileSync(new URL('../test/fixtures/analysis/labelled.json', import.meta.url), 'utf8')) as { paragraphs: LabelledParagraph[] };
const questionnaire = builtinQuestionnaire('apac-2020')!;
const vocabulary = builtinVocabularies.en!;

// The labelled paragraphs as one response to apac-2020: each under its question, numbered in turn.
const response: ItemResponse = emptyResponse(questionnaire);
const numberOf = new Map<number, number>();
set.paragraphs.forEach((p, i) => {
  const answer = response.answers[p.question];
  if (answer?.kind !== 'prose') throw new Error(`labelled paragraph ${p.id}: apac-2020 has no prose question "${p.question}"`);
  answer.paragraphs.push({ number: i + 1, text: p.text, footnotes: [] });
  numberOf.set(i + 1, p.id);
});
const byId = new Map(set.paragraphs.map((p) => [p.id, p]));

// 1. Objectives.
const analysis = analyseResponse(questionnaire, response, { vocabulary });
const counts = new Map(objectives.map((o) => [o.number, { tp: 0, fp: 0, fn: 0 }]));
/** Overall counts of the paragraphs the vocabulary was tuned on, and of those held out. */
const parts = { tuned: { tp: 0, fp: 0, fn: 0 }, heldOut: { tp: 0, fp: 0, fn: 0 } };
const misses: string[] = [];
for (const tagged of analysis.paragraphs) {
  const labelled = byId.get(numberOf.get(tagged.number!)!)!;
  const got = new Set(tagged.objectives.map((o) => o.number));
  const want = new Set(labelled.objectives);
  const part = parts[labelled.heldOut ? 'heldOut' : 'tuned'];
  for (const n of got) {
    counts.get(n)![want.has(n) ? 'tp' : 'fp']++;
    part[want.has(n) ? 'tp' : 'fp']++;
    if (!want.has(n)) misses.push(`  #${labelled.id} +${n} (${tagged.objectives.find((o) => o.number === n)!.evidence.terms.join(', ') || 'explicit'}): ${labelled.text.slice(0, 90)}`);
  }
  for (const n of want) {
    if (!got.has(n)) {
      counts.get(n)!.fn++;
      part.fn++;
      misses.push(`  #${labelled.id} -${n}: ${labelled.text.slice(0, 110)}`);
    }
  }
}
const ratio = (a: number, b: number) => (b === 0 ? '   -  ' : (a / b).toFixed(2).padStart(6));
const f1 = (tp: number, fp: number, fn: number) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
console.log(
  `Objective mapping: ${set.paragraphs.length} labelled paragraphs (${set.paragraphs.filter((p) => p.heldOut).length} held out), ${set.paragraphs.reduce((n, p) => n + p.objectives.length, 0)} labels\n`,
);
console.log('objective                                  labels  tagged  precision  recall    F1');
let total = { tp: 0, fp: 0, fn: 0 };
for (const o of objectives) {
  const c = counts.get(o.number)!;
  total = { tp: total.tp + c.tp, fp: total.fp + c.fp, fn: total.fn + c.fn };
  const name = `${String(o.number).padStart(2)} ${o.shortName}`.padEnd(42);
  console.log(`${name} ${String(c.tp + c.fn).padStart(6)}  ${String(c.tp + c.fp).padStart(6)}     ${ratio(c.tp, c.tp + c.fp)}  ${ratio(c.tp, c.tp + c.fn)}  ${f1(c.tp, c.fp, c.fn).toFixed(2)}`);
}
const macro = objectives.map((o) => counts.get(o.number)!).reduce((s, c) => s + f1(c.tp, c.fp, c.fn), 0) / objectives.length;
console.log(`${'overall (micro)'.padEnd(42)} ${String(total.tp + total.fn).padStart(6)}  ${String(total.tp + total.fp).padStart(6)}     ${ratio(total.tp, total.tp + total.fp)}  ${ratio(total.tp, total.tp + total.fn)}  ${f1(total.tp, total.fp, total.fn).toFixed(2)}`);
for (const [name, c] of [['  the paragraphs it was tuned on', parts.tuned], ['  held out (written after the tuning)', parts.heldOut]] as const) {
  console.log(`${name.padEnd(42)} ${String(c.tp + c.fn).padStart(6)}  ${String(c.tp + c.fp).padStart(6)}     ${ratio(c.tp, c.tp + c.fp)}  ${ratio(c.tp, c.tp + c.fn)}  ${f1(c.tp, c.fp, c.fn).toFixed(2)}`);
}
console.log(`${'macro F1 (mean over objectives)'.padEnd(42)}                                     ${macro.toFixed(2)}`);
if (showMisses) console.log(`\nWrong (+) and missed (-) tags:\n${misses.join('\n')}`);

// 2. Figures.
const sameValue = (a: FigureValue, b: FigureValue): boolean => {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  if (typeof a === 'object' && typeof b === 'object') return sameValue(a.from, b.from) && sameValue(a.to, b.to);
  return a === b;
};
let labelledFigures = 0;
let extracted = 0;
let found = 0;
const heldOutFigures = { labelled: 0, extracted: 0, found: 0 };
let yearsRight = 0;
let whatLabelled = 0;
let whatRight = 0;
const figureMisses: string[] = [];
for (const p of set.paragraphs) {
  const want = p.figures.filter((f) => f.unit !== 'year');
  const got = extractFigures(p.text, null).filter((f) => f.unit !== 'year');
  labelledFigures += want.length;
  extracted += got.length;
  if (p.heldOut) {
    heldOutFigures.labelled += want.length;
    heldOutFigures.extracted += got.length;
  }
  const unused = [...got];
  for (const w of want) {
    const i = unused.findIndex((g) => g.unit === w.unit && sameValue(g.value, w.value));
    if (i < 0) {
      figureMisses.push(`  #${p.id} missed ${JSON.stringify(w.value)} ${w.unit}`);
      continue;
    }
    const [g] = unused.splice(i, 1);
    found++;
    if (p.heldOut) heldOutFigures.found++;
    if (g!.year === w.year) yearsRight++;
    else figureMisses.push(`  #${p.id} ${g!.raw}: year ${g!.year}, labelled ${w.year}`);
    if (w.what !== null) {
      whatLabelled++;
      const head = w.what.toLowerCase().split(' ').at(-1)!;
      if (g!.what?.toLowerCase().includes(head)) whatRight++;
      else figureMisses.push(`  #${p.id} ${g!.raw}: what "${g!.what}", labelled "${w.what}"`);
    }
  }
  for (const g of unused) figureMisses.push(`  #${p.id} extra ${g.raw} (${JSON.stringify(g.value)} ${g.unit})`);
}
console.log(`\nFigures: ${labelledFigures} labelled (years aside), ${extracted} extracted, ${found} right`);
console.log(`  precision ${ratio(found, extracted).trim()}  recall ${ratio(found, labelledFigures).trim()}`);
console.log(
  `  held out: ${heldOutFigures.labelled} labelled, ${heldOutFigures.extracted} extracted, ${heldOutFigures.found} right: precision ${ratio(heldOutFigures.found, heldOutFigures.extracted).trim()}  recall ${ratio(heldOutFigures.found, heldOutFigures.labelled).trim()}`,
);
console.log(`  of those found: year as labelled ${ratio(yearsRight, found).trim()}; what it counts names the labelled noun ${ratio(whatRight, whatLabelled).trim()} (of ${whatLabelled} labelled)`);
if (showMisses) console.log(`\nFigures wrong, missed or extra:\n${figureMisses.join('\n')}`);

// 3. Time to analyse one response.
function time(name: string, run: () => unknown, runs = 30): void {
  const t0 = performance.now();
  run();
  const first = performance.now() - t0;
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const ms = (x: number) => x.toFixed(1).padStart(6);
  console.log(`  ${name.padEnd(52)} first ${ms(first)} ms   median ${ms(times[Math.floor(runs / 2)]!)} ms   p90 ${ms(times[Math.floor(runs * 0.9)]!)} ms   CPU ${ms((used.user + used.system) / 1000 / runs)} ms a run`);
}
console.log(`\nAnalysis of one response (target: well under 100 ms; this machine's load average now ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores):`);
const words = (r: ItemResponse) =>
  Object.values(r.answers).reduce((n, a) => n + (a.kind === 'prose' ? a.paragraphs.reduce((m, p) => m + (p.text.match(/\S+/g)?.length ?? 0), 0) : 0), 0);
const seedPath = fileURLToPath(new URL('../../shared/seeds/000_b049ce0a491c43b1.txt', import.meta.url));
if (existsSync(seedPath)) {
  const { importDocument } = await import('../src/ingest/index.ts');
  const { builtinTemplate } = await import('../src/services/builtin-templates.ts');
  const template = builtinTemplate('apac-2020')!;
  const { import: _report, ...read } = await importDocument(readFileSync(seedPath), 'seed.txt', template);
  const seed = itemModelOf(template, read);
  time(`the seed questionnaire (${words(seed.response).toLocaleString('en')} words)`, () => analyseResponse(seed.questionnaire, seed.response, { vocabulary, deadline: '2020-08-31' }));
} else console.log(`  (the seed questionnaire is not at ${seedPath}: left out)`);
time(`the labelled set as one response (${words(response).toLocaleString('en')} words)`, () => analyseResponse(questionnaire, response, { vocabulary, deadline: '2020-08-31' }));
console.log(`  ${answeredItems(questionnaire).length} items; built-in vocabulary of ${Object.values(vocabulary).reduce((n, t) => n + t.length, 0)} terms`);
