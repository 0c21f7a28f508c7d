// The synthesis of a cycle (src/domain/analysis/synthesis.ts) as a use case: the secretariat's.
// The chosen submissions' current versions are read a few at a time (the cycle's submissions in
// one query, then each version), converted to the item model (itemModelOf), analysed with the
// vocabulary in force and added to the synthesis; no response is kept once added.
import { analyseResponse } from '../domain/analysis/analyse.ts';
import { SynthesisBuilder, type Synthesis } from '../domain/analysis/synthesis.ts';
import { vocabularyLanguages, type Vocabulary } from '../domain/analysis/vocabulary.ts';
import type { ItemResponse } from '../domain/questionnaire/response.ts';
import type { Response } from '../domain/response.ts';
import type { SubmissionStatus } from '../domain/workflow.ts';
import { findCycle } from '../store/cycles.ts';
import type { Database } from '../store/database.ts';
import { findVersionContent, listSubmissions, type SubmissionRecord } from '../store/submissions.ts';
import { itemModelOf } from './analysis.ts';
import { responseSchemaOf } from './submissions.ts';
import { cycleSnapshot } from './cycle-template.ts';
import { InvalidInput, NotFound } from './errors.ts';
import { authorize, synthesisPolicy } from './policy.ts';
import type { Actor, Services } from './types.ts';

/** Which submissions: those handed in (submitted, accepted, published or unpublished), or all with a saved version. */
export type SynthesisScope = 'handed-in' | 'all';
export const synthesisScopes: readonly SynthesisScope[] = ['handed-in', 'all'];

const handedIn: ReadonlySet<SubmissionStatus> = new Set(['submitted', 'accepted', 'published', 'unpublished']);

export interface CycleSynthesis extends Synthesis {
  cycle: { id: string; title: string; templateId: string; deadline: string };
  scope: SynthesisScope;
  /** Each submission taken, with its status and the version read. */
  submissions: { iso3: string; name: string; status: SubmissionStatus; version: number }[];
}

export interface SynthesisOptions {
  scope?: SynthesisScope | undefined;
  /** Called after each submission is added (a progress bar). */
  onProgress?: ((done: number, total: number, iso3: string) => void) | undefined;
}

export interface SynthesisService {
  /** The synthesis of a cycle's chosen submissions (the secretariat only). */
  cycle(actor: Actor, cycleId: string, options?: SynthesisOptions): Promise<CycleSynthesis>;
}

/** How many versions are read at once. */
const readAhead = 4;

export function synthesisService(db: Database, analysis: Services['analysis']): SynthesisService {
  return {
    async cycle(actor, cycleId, options = {}) {
      await authorize(db.drizzle, actor, synthesisPolicy.read, 'Only the secretariat synthesises a cycle.');
      const scope = options.scope ?? 'handed-in';
      if (!synthesisScopes.includes(scope)) throw new InvalidInput(`There is no scope "${scope}"`, [{ path: 'scope', message: `one of ${synthesisScopes.join(', ')}` }]);
      const cycle = await findCycle(db.drizzle, cycleId, { states: 'all' });
      if (!cycle) throw new NotFound(`The review cycle "${cycleId}"`);
      const template = await cycleSnapshot(db, cycle.id);
      const chosen = (await listSubmissions(db.drizzle, cycle.id)).filter((s) => s.version > 0 && (scope === 'all' || handedIn.has(s.status)));
      const schema = responseSchemaOf(template);
      const vocabularies = new Map<string, Promise<Vocabulary>>();
      const vocabularyFor = (language: string) => {
        const lang = vocabularyLanguages.includes(language) ? language : 'en';
        let v = vocabularies.get(lang);
        if (!v) vocabularies.set(lang, (v = analysis.vocabularyInForce(lang)));
        return v;
      };

      const builder = new SynthesisBuilder();
      const read = (s: SubmissionRecord) => {
        const reading = findVersionContent(db.drizzle, s.id, s.version).then((found) => {
          if (found === undefined) throw new Error(`Version ${s.version} of ${s.state.name}'s submission is missing.`);
          return schema.parse(found.current) as Response | ItemResponse;
        });
        // A read ahead that fails is reported when its turn comes, not as an unhandled rejection before.
        reading.catch(() => undefined);
        return reading;
      };
      // Versions are read a few ahead of the analysis, in order, so the synthesis is the same each time.
      const pending = chosen.slice(0, readAhead).map(read);
      for (let i = 0; i < chosen.length; i++) {
        const s = chosen[i]!;
        const stored = await pending[i]!;
        pending[i] = undefined as never;
        if (i + readAhead < chosen.length) pending.push(read(chosen[i + readAhead]!));
        const item = itemModelOf(template, stored);
        const vocabulary = await vocabularyFor(item.questionnaire.language);
        const result = analyseResponse(item.questionnaire, item.response, { vocabulary, deadline: cycle.deadline });
        builder.add({ state: { iso3: s.state.iso3, name: s.state.name }, questionnaire: item.questionnaire, response: item.response, analysis: result });
        options.onProgress?.(i + 1, chosen.length, s.state.iso3);
      }
      return {
        cycle: { id: cycle.id, title: cycle.title, templateId: cycle.templateId, deadline: cycle.deadline },
        scope,
        submissions: chosen.map((s) => ({ iso3: s.state.iso3, name: s.state.name, status: s.status, version: s.version })),
        ...builder.result(),
      };
    },
  };
}
