// A cycle's terms as form fields, for the new-cycle form and a draft's edit form alike: title and
// region (with the new form's template choice beside them), the meeting the review informs, the
// deadline and return addresses, and the States to invite. The form's state, what it sends, the
// server's field errors and their labels live here too, so both forms read the same.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fictionalStates, regions, type State } from '../../../domain/reference.ts';
import type { CycleSummary } from '../../../services/types.ts';
import { api, type ApiError, type CycleChanges } from '../../api.ts';
import { i18n } from '../../i18n/index.ts';
import { errorsByField } from '../../lib/fieldErrors.ts';
import { Field } from '../Field.tsx';
import { StatePicker } from '../StatePicker.tsx';

export interface CycleForm {
  title: string;
  templateId: string;
  region: keyof typeof regions;
  meetingName: string;
  meetingPlace: string;
  meetingDates: string;
  deadline: string;
  returnAddresses: string;
  invitedStates: string[];
  includeFictional: boolean;
}

export const emptyCycleForm: CycleForm = {
  title: '',
  templateId: '',
  region: 'escap',
  meetingName: '',
  meetingPlace: '',
  meetingDates: '',
  deadline: '',
  returnAddresses: '',
  invitedStates: [],
  includeFictional: false,
};

/** The form filled with a cycle's terms, to edit them. */
export function formOfCycle(c: CycleSummary): CycleForm {
  return {
    title: c.title,
    templateId: c.templateId,
    region: (c.region in regions ? c.region : 'escap') as CycleForm['region'],
    meetingName: c.meeting?.name ?? '',
    meetingPlace: c.meeting?.place ?? '',
    meetingDates: c.meeting?.dates ?? '',
    deadline: c.deadline,
    returnAddresses: c.returnAddresses.join('\n'),
    invitedStates: c.invitedStates,
    // A fictional State invited already is listed, and stays checked.
    includeFictional: c.invitedStates.some((code) => fictionalStates.some((s) => s.iso3 === code)),
  };
}

/** What the fields say, as the server takes it: the meeting null when every one of its fields is empty. */
export function cycleTerms(f: CycleForm): Required<Omit<CycleChanges, 'meeting'>> & { meeting: NonNullable<CycleChanges['meeting']> | null } {
  const meeting = f.meetingName.trim() || f.meetingPlace.trim() || f.meetingDates.trim();
  return {
    title: f.title.trim(),
    region: f.region,
    meeting: meeting
      ? {
          name: f.meetingName.trim(),
          ...(f.meetingPlace.trim() ? { place: f.meetingPlace.trim() } : {}),
          ...(f.meetingDates.trim() ? { dates: f.meetingDates.trim() } : {}),
        }
      : null,
    deadline: f.deadline,
    returnAddresses: f.returnAddresses
      .split('\n')
      .map((a) => a.trim())
      .filter(Boolean),
    invitedStates: f.invitedStates,
  };
}

/** The States the picker lists: the region's, and the fictional ones when asked, by name. */
export async function statesToList(region: string, includeFictional: boolean): Promise<State[]> {
  const [regionStates, all] = await Promise.all([api.states.list(region), includeFictional ? api.states.list() : Promise.resolve([])]);
  return [...regionStates, ...all.filter((s) => s.groups.includes('fictional'))].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** Server field paths → the id of the control that shows them. */
const fieldIds: Record<string, string> = {
  title: 'title',
  templateId: 'templateId',
  region: 'region',
  'meeting.name': 'meetingName',
  'meeting.place': 'meetingPlace',
  'meeting.dates': 'meetingDates',
  meeting: 'meetingName',
  deadline: 'deadline',
  returnAddresses: 'returnAddresses',
  invitedStates: 'invitedStates',
};

/** A field's label by its server path ("meeting.name"), in the interface language; the path itself when it is no field of the form. */
function label(field: string): string {
  const key = field === 'meeting' ? 'meeting' : fieldIds[field];
  return key ? i18n.t(`newCycle.label.${key as 'title'}`) : field;
}

export type ErrorsFor = (...keys: string[]) => string[] | undefined;

/** The server's refusal, per field (for the fields) and as the summary's items (linked to the fields). */
export function cycleFieldErrors(problem: ApiError | null, idPrefix = ''): { errorsFor: ErrorsFor; summaryItems: { fieldId?: string; message: string }[] } {
  const fieldErrors = problem ? errorsByField(problem.errors, Object.keys(fieldIds), { returnAddresses: 'line', invitedStates: 'state' }) : {};
  const errorsFor: ErrorsFor = (...keys) => {
    const list = keys.flatMap((k) => fieldErrors[k] ?? []);
    return list.length ? list : undefined;
  };
  const summaryItems = Object.entries(fieldErrors).flatMap(([field, messages]) =>
    messages.map((message) => (field ? { fieldId: idPrefix + (fieldIds[field] ?? field), message: i18n.t('fieldErrors.labelled', { label: label(field), message }) } : { message })),
  );
  return { errorsFor, summaryItems };
}

interface Props {
  form: CycleForm;
  set: <K extends keyof CycleForm>(key: K, value: CycleForm[K]) => void;
  /** Changing the region empties the States chosen (another region's members). */
  setRegion: (region: CycleForm['region']) => void;
  states: State[];
  errorsFor: ErrorsFor;
  /** Shown beside the region: the new form's choice of template. */
  templateField?: ReactNode;
  /** Shown under them: e.g. the link to preview the template. */
  afterAbout?: ReactNode;
  /** Put before every id, when the page has other forms (as cycleFieldErrors is given). */
  idPrefix?: string;
}

export function CycleFields({ form: f, set, setRegion, states, errorsFor, templateField, afterAbout, idPrefix = '' }: Props) {
  const { t } = useTranslation();
  const id = (name: string) => idPrefix + name;
  const region = (
    <Field id={id('region')} label={label('region')} required errors={errorsFor('region')}>
      {(a11y) => (
        <select {...a11y} value={f.region} onChange={(e) => setRegion(e.target.value as CycleForm['region'])}>
          {Object.entries(regions).map(([key, r]) => (
            <option key={key} value={key}>
              {r.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <>
      <section className="card form__section" aria-labelledby={id('about-heading')}>
        <h2 id={id('about-heading')}>{t('newCycle.about')}</h2>
        <Field id={id('title')} label={label('title')} required errors={errorsFor('title')} hint={t('newCycle.titleHint')}>
          {(a11y) => <input {...a11y} type="text" value={f.title} onChange={(e) => set('title', e.target.value)} />}
        </Field>
        {templateField ? (
          <div className="grid-2">
            {templateField}
            {region}
          </div>
        ) : (
          region
        )}
        {afterAbout}
      </section>

      <section className="card form__section" aria-labelledby={id('meeting-heading')}>
        <h2 id={id('meeting-heading')}>{t('newCycle.meetingHeading')}</h2>
        <p className="muted">{t('newCycle.meetingOptional')}</p>
        <Field id={id('meetingName')} label={label('meeting.name')} errors={errorsFor('meeting.name', 'meeting')} hint={t('newCycle.meetingNameHint')}>
          {(a11y) => <input {...a11y} type="text" value={f.meetingName} onChange={(e) => set('meetingName', e.target.value)} />}
        </Field>
        <div className="grid-2">
          <Field id={id('meetingPlace')} label={label('meeting.place')} errors={errorsFor('meeting.place')}>
            {(a11y) => <input {...a11y} type="text" value={f.meetingPlace} onChange={(e) => set('meetingPlace', e.target.value)} />}
          </Field>
          <Field id={id('meetingDates')} label={label('meeting.dates')} errors={errorsFor('meeting.dates')} hint={t('newCycle.meetingDatesHint')}>
            {(a11y) => <input {...a11y} type="text" value={f.meetingDates} onChange={(e) => set('meetingDates', e.target.value)} />}
          </Field>
        </div>
      </section>

      <section className="card form__section" aria-labelledby={id('return-heading')}>
        <h2 id={id('return-heading')}>{t('newCycle.returnHeading')}</h2>
        <Field id={id('deadline')} label={label('deadline')} required errors={errorsFor('deadline')} hint={t('newCycle.deadlineHint')}>
          {(a11y) => <input {...a11y} type="date" className="input--date" value={f.deadline} onChange={(e) => set('deadline', e.target.value)} />}
        </Field>
        <Field id={id('returnAddresses')} label={label('returnAddresses')} errors={errorsFor('returnAddresses')} hint={t('newCycle.returnHint')}>
          {(a11y) => <textarea {...a11y} rows={3} value={f.returnAddresses} onChange={(e) => set('returnAddresses', e.target.value)} spellCheck={false} />}
        </Field>
      </section>

      <section className="card form__section" aria-labelledby={id('states-heading')}>
        <h2 id={id('states-heading')}>{t('newCycle.statesHeading')}</h2>
        <StatePicker
          id={id('invitedStates')}
          states={states}
          selected={f.invitedStates.filter((c) => states.some((s) => s.iso3 === c))}
          onChange={(codes) => set('invitedStates', codes)}
          errors={errorsFor('invitedStates')}
          region={f.region}
          regionLabel={f.region.toUpperCase()}
        />
        <label className="check check--standalone">
          <input type="checkbox" checked={f.includeFictional} onChange={(e) => set('includeFictional', e.target.checked)} />
          <span>{t('newCycle.fictional')}</span>
        </label>
      </section>
    </>
  );
}
