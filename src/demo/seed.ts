// Demonstration data for `gcm-review serve --demo`: the demo accounts, a regional review cycle
// with every ESCAP member and the three fictional States invited, a small training cycle still
// in draft, draft responses of the fictional States (src/demo/responses/, our own writing), and a
// cycle on the national report (a questionnaire of the item model) with one State's draft of it.
// Everything goes through the services, exactly as a secretariat's actions would.
import { readFile } from 'node:fs/promises';
import { regions } from '../domain/reference.ts';
import { actorFor, systemActor } from '../services/actors.ts';
import type { Actor, Services } from '../services/types.ts';
import { demoAccounts } from './accounts.ts';

/** The fictional States whose draft responses the demo loads, and the files holding them. */
export const demoResponses = [
  { iso3: 'XAA', file: 'arvenia.json' },
  { iso3: 'XAB', file: 'belmora.json' },
  { iso3: 'XAC', file: 'coralia.json' },
] as const;

/** The State whose draft national report (an item response: answers by item key) the demo loads, and its file. */
export const demoNationalReport = { iso3: 'XAB', file: 'belmora-national-report.json' } as const;

const fictional = demoResponses.map((r) => r.iso3);

export const demoCycleTitles = {
  regional: 'Asia-Pacific Regional Review 2020 (demonstration)',
  training: 'Training cycle: fictional States only',
  nationalReport: 'National reports on the Compact 2026 (demonstration)',
} as const;

/** Seeds the demo. Call it on an empty database only (the serve command checks). */
export async function seedDemo(services: Services): Promise<void> {
  const actor = systemActor;
  // All at once: hashing a password is most of the work, and the hashes are computed on threads of their own.
  const accounts = await Promise.all(
    demoAccounts.map((a) => services.users.create(actor, { email: a.email, name: a.name, password: a.password, role: a.role, stateIso3: a.stateIso3 })),
  );

  const regional = await services.cycles.create(actor, {
    title: demoCycleTitles.regional,
    templateId: 'apac-2020',
    region: 'escap',
    meeting: {
      name: 'Asia-Pacific Regional Review of Implementation of the Global Compact for Safe, Orderly and Regular Migration',
      place: 'Bangkok',
      dates: '18-20 November 2020',
    },
    // A fixed date years ahead, so that the demonstration cycle stays open whenever it is run.
    deadline: '2030-08-31',
    // Demonstration addresses: nothing is ever sent to the real secretariat.
    returnAddresses: ['secretariat@demo.gcm-review.org', 'network@demo.gcm-review.org'],
    invitedStates: [...regions.escap.members, ...fictional],
    status: 'open',
  });

  await services.cycles.create(actor, {
    title: demoCycleTitles.training,
    templateId: 'apac-2020',
    region: 'escap',
    deadline: '2030-12-31',
    returnAddresses: ['secretariat@demo.gcm-review.org'],
    invitedStates: [...fictional],
    status: 'draft',
  });

  const nationalReport = await services.cycles.create(actor, {
    title: demoCycleTitles.nationalReport,
    templateId: 'imrf-national-report',
    region: 'escap',
    meeting: { name: 'International Migration Review Forum (demonstration)' },
    // Years ahead too, for the same reason as the regional cycle's.
    deadline: '2030-10-31',
    returnAddresses: ['secretariat@demo.gcm-review.org', 'network@demo.gcm-review.org'],
    invitedStates: [...fictional],
    status: 'open',
  });

  // Each State's draft is its coordinator's work; a State without a demo account sent its answers to
  // the secretariat, whose administrator entered them.
  const administrator = accounts.find((a) => a.role === 'secretariat-admin');
  const authorOf = (iso3: string): Actor => {
    const author = accounts.find((a) => a.role === 'state-coordinator' && a.stateIso3 === iso3) ?? administrator;
    return author ? actorFor(author) : actor;
  };
  for (const { iso3, file } of demoResponses) {
    const response = await readDemoResponse(file);
    // The cycle was just opened: every submission starts from version 0.
    await services.submissions.saveDraft(authorOf(iso3), regional.id, iso3, response, { baseVersion: 0, source: 'demo', note: 'Demonstration draft (fictional State).' });
  }
  const { iso3, file } = demoNationalReport;
  await services.submissions.saveDraft(authorOf(iso3), nationalReport.id, iso3, await readDemoResponse(file), {
    baseVersion: 0,
    source: 'demo',
    note: 'Demonstration draft of a national report (fictional State).',
  });
}

async function readDemoResponse(file: string): Promise<unknown> {
  const url = new URL(`./responses/${file}`, import.meta.url);
  try {
    return JSON.parse(await readFile(url, 'utf8'));
  } catch (err) {
    throw new Error(`The demo response ${file} could not be read from src/demo/responses: ${(err as Error).message}`, { cause: err });
  }
}
