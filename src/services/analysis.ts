// The analysis of responses (src/domain/analysis, pure) as use cases: the vocabulary per objective
// the secretariat reads and its administrators edit (stored overrides of the built-in terms, table
// objective_vocabulary), and the analysis of a stored submission or of a response read from a
// file with the vocabulary in force. Stored responses of fixed-slot cycles are converted to the
// item model here, in one place (itemModelOf), until storage holds the item model.
import { analyseResponse } from '../domain/analysis/analyse.ts';
import type { Analysis } from '../domain/analysis/types.ts';
import { builtinVocabularies, isObjectiveNumber, termProblems, vocabularyLanguages, vocabularyWith, type Vocabulary } from '../domain/analysis/vocabulary.ts';
import { objectiveByNumber } from '../domain/reference.ts';
import { fromFixedSlots, fromLegacyResponse } from '../domain/questionnaire/legacy.ts';
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import type { ItemResponse } from '../domain/questionnaire/response.ts';
import type { Response } from '../domain/response.ts';
import { findCycle } from '../store/cycles.ts';
import type { Database } from '../store/database.ts';
import { deleteObjectiveVocabulary, findObjectiveVocabulary, listObjectiveVocabulary, saveObjectiveVocabulary } from '../store/objective-vocabulary.ts';
import { recordEvent } from './audit.ts';
import { cycleSnapshot } from './cycle-template.ts';
import { InvalidInput } from './errors.ts';
import { analysisPolicy, authorize } from './policy.ts';
import { isQuestionnaire, type AnyTemplate } from './template-summary.ts';
import type { Actor, Services } from './types.ts';

/** One objective's terms in one language, as the analysis uses them. */
export interface ObjectiveVocabulary {
  objective: number;
  title: string;
  language: string;
  terms: string[];
  /** The terms the tool ships with (what a reset gives back). */
  builtInTerms: string[];
  /** Whether the terms are the built-in ones (no analyst has changed them). */
  builtIn: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface AnalysisService {
  /** One objective's terms (the secretariat). */
  vocabulary(actor: Actor, objective: number, language?: string): Promise<ObjectiveVocabulary>;
  /** Replaces one objective's terms (secretariat administrators; audited); `terms: null` goes back to the built-in ones. */
  setVocabulary(actor: Actor, objective: number, input: { terms: string[] | null; language?: string | undefined }): Promise<ObjectiveVocabulary>;
  /** The vocabulary in force in a language: the built-in terms with the stored overrides. */
  vocabularyInForce(language?: string): Promise<Vocabulary>;
  /** The analysis of a submission's current version, for whoever may read the submission; years after the cycle's deadline are pointed out. */
  submission(actor: Actor, cycleId: string, iso3: string): Promise<Analysis>;
  /** The analysis of a response read from a file, with the vocabulary in force. */
  response(template: AnyTemplate, response: Response | ItemResponse, options?: { deadline?: string | undefined }): Promise<Analysis>;
}

/** A response and its template in the item model: fixed-slot ones converted (the one place that does it for the analysis). */
export function itemModelOf(template: AnyTemplate, response: Response | ItemResponse): { questionnaire: Questionnaire; response: ItemResponse } {
  if (isQuestionnaire(template)) return { questionnaire: template, response: response as ItemResponse };
  const questionnaire = fromFixedSlots(template);
  return { questionnaire, response: fromLegacyResponse(questionnaire, response as Response) };
}

/** The built-in vocabulary when no database is at hand (a file analysed at the command line without one). */
export function analyseWithBuiltinVocabulary(template: AnyTemplate, response: Response | ItemResponse, options: { deadline?: string | undefined } = {}): Analysis {
  const item = itemModelOf(template, response);
  return analyseResponse(item.questionnaire, item.response, { vocabulary: builtinVocabularies.en!, deadline: options.deadline });
}

/** The language a questionnaire's answers are analysed in: its own where the analysis has a vocabulary in it, else English. */
const analysisLanguage = (q: Questionnaire) => (vocabularyLanguages.includes(q.language) ? q.language : 'en');

function checkObjective(objective: number): void {
  if (!isObjectiveNumber(objective)) throw new InvalidInput(`There is no GCM objective ${objective}: objectives are numbered 1 to 23`, [{ path: 'objective', message: 'a number from 1 to 23' }]);
}

function checkLanguage(language: string): void {
  if (!vocabularyLanguages.includes(language)) {
    throw new InvalidInput(`The analysis has no vocabulary in "${language}"`, [{ path: 'language', message: `one of ${vocabularyLanguages.join(', ')}` }]);
  }
}

export function analysisService(db: Database, submissions: Services['submissions']): AnalysisService {
  async function vocabularyInForce(language = 'en'): Promise<Vocabulary> {
    return vocabularyWith(language, await listObjectiveVocabulary(db.drizzle, language));
  }

  async function read(objective: number, language: string): Promise<ObjectiveVocabulary> {
    const stored = await findObjectiveVocabulary(db.drizzle, objective, language);
    const builtInTerms = [...(builtinVocabularies[language]?.[objective] ?? [])];
    return {
      objective,
      title: objectiveByNumber(objective)!.title,
      language,
      terms: stored ? stored.terms : builtInTerms,
      builtInTerms,
      builtIn: !stored,
      updatedAt: stored ? stored.updatedAt.toISOString() : null,
      updatedBy: stored?.updatedBy ?? null,
    };
  }

  return {
    vocabularyInForce,

    async vocabulary(actor, objective, language = 'en') {
      await authorize(db.drizzle, actor, analysisPolicy.readVocabulary, 'Only the secretariat reads the analysis vocabulary.');
      checkObjective(objective);
      checkLanguage(language);
      return read(objective, language);
    },

    async setVocabulary(actor, objective, { terms, language = 'en' }) {
      await authorize(db.drizzle, actor, analysisPolicy.editVocabulary, "Only the secretariat's administrators change the analysis vocabulary.");
      checkObjective(objective);
      checkLanguage(language);
      if (terms !== null) {
        const problems = termProblems(terms);
        if (terms.length === 0) problems.push('give at least one term (or null for the built-in terms)');
        if (problems.length) throw new InvalidInput(`The terms for objective ${objective} cannot be used`, problems.map((message) => ({ path: 'terms', message })));
      }
      const cleaned = terms?.map((t) => t.trim());
      await db.transaction(async (tx) => {
        if (cleaned) await saveObjectiveVocabulary(tx, { objective, language, terms: cleaned, updatedBy: actor?.kind === 'user' ? actor.userId : null });
        else await deleteObjectiveVocabulary(tx, objective, language);
        await recordEvent(tx, actor, cleaned ? 'analysis.vocabulary.save' : 'analysis.vocabulary.reset', `objective:${objective}`, { language, ...(cleaned ? { terms: cleaned.length } : {}) });
      });
      return read(objective, language);
    },

    async submission(actor, cycleId, iso3) {
      const submission = await submissions.get(actor, cycleId, iso3);
      const cycle = await findCycle(db.drizzle, submission.cycleId, { states: 'all' });
      const template = await cycleSnapshot(db, submission.cycleId);
      const item = itemModelOf(template, submission.response);
      return analyseResponse(item.questionnaire, item.response, { vocabulary: await vocabularyInForce(analysisLanguage(item.questionnaire)), deadline: cycle?.deadline });
    },

    async response(template, response, options = {}) {
      const item = itemModelOf(template, response);
      return analyseResponse(item.questionnaire, item.response, { vocabulary: await vocabularyInForce(analysisLanguage(item.questionnaire)), deadline: options.deadline });
    },
  };
}
