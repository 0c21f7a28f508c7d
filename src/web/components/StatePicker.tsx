// A searchable checklist of States with quick selections for the region's members.
import { useId, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { State } from '../../domain/reference.ts';
import { i18n, intlLocale } from '../i18n/index.ts';
import { FieldErrors } from './Field.tsx';

interface Props {
  id: string;
  states: State[];
  selected: string[];
  onChange(selected: string[]): void;
  errors?: string[] | undefined;
  /** Region key whose members the quick buttons select, e.g. "escap". */
  region: string;
  regionLabel: string;
}

function matches(s: State, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [s.name, s.iso3, ...(s.aliases ?? [])].some((n) => n.toLowerCase().includes(q));
}

export function StatePicker({ id, states, selected, onChange, errors, region, regionLabel }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const chosen = useMemo(() => new Set(selected), [selected]);
  const visible = states.filter((s) => matches(s, query));
  const members = states.filter((s) => s.groups.includes(region)).map((s) => s.iso3);
  const associates = states.filter((s) => s.groups.includes(`${region}-associate`)).map((s) => s.iso3);
  const errorId = errors?.length ? `${id}-error` : undefined;

  const toggle = (iso3: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(iso3);
    else next.delete(iso3);
    // Keep the order of the list, so what is sent reads like what was shown.
    onChange(states.map((s) => s.iso3).filter((c) => next.has(c)));
  };
  const add = (codes: string[]) => onChange(states.map((s) => s.iso3).filter((c) => chosen.has(c) || codes.includes(c)));

  return (
    <fieldset className={errorId ? 'fieldset field--error' : 'fieldset'} aria-describedby={[`${id}-count`, errorId].filter(Boolean).join(' ')}>
      <legend className="field__label">
        {t('picker.legend')}
        <span className="field__required">{t('field.required')}</span>
      </legend>
      <FieldErrors id={errorId} errors={errors} />
      <div className="picker__tools">
        <div className="picker__search">
          <label htmlFor={searchId}>{t('picker.search')}</label>
          <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('picker.searchPlaceholder')} />
        </div>
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={() => add(members)} disabled={members.length === 0}>
            {t('picker.selectMembers', { region: regionLabel })}
          </button>
          {associates.length ? (
            <button type="button" className="button button--secondary" onClick={() => add(associates)}>
              {t('picker.addAssociates')}
            </button>
          ) : null}
          <button type="button" className="button button--quiet" onClick={() => onChange([])} disabled={selected.length === 0}>
            {t('picker.clear')}
          </button>
        </div>
      </div>
      <p id={`${id}-count`} className="picker__count" aria-live="polite">
        <Trans i18nKey="picker.count" count={states.length} values={{ selected: selected.length }} components={[<strong key="selected" />]} />
        {query.trim() ? t('picker.shown', { count: visible.length }) : ''}
      </p>
      {selected.length ? <p className="picker__selected muted">{selectedNames(states, selected)}</p> : null}
      <div className="picker__list" id={id} tabIndex={-1} role="group" aria-label={t('picker.group')}>
        {visible.length === 0 ? <p className="muted">{t('picker.noMatch', { query: query.trim() })}</p> : null}
        <ul>
          {visible.map((s) => (
            <li key={s.iso3}>
              <label className="check">
                <input type="checkbox" checked={chosen.has(s.iso3)} onChange={(e) => toggle(s.iso3, e.target.checked)} />
                <span>
                  {s.name} <span className="muted">({s.iso3})</span>
                  {s.groups.includes(`${region}-associate`) ? <span className="tag">{t('picker.associate')}</span> : null}
                  {s.groups.includes('fictional') ? <span className="tag">{t('picker.fictional')}</span> : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </div>
    </fieldset>
  );
}

/** "Fiji, Samoa and Tonga", or the first names and how many more, so a long selection stays one line or two (Intl.ListFormat, in the interface language). */
export function selectedNames(states: readonly State[], selected: readonly string[], shown = 8): string {
  const names = selected.map((c) => states.find((s) => s.iso3 === c)?.name ?? c);
  const list = new Intl.ListFormat(intlLocale(), { type: 'conjunction' });
  if (names.length <= shown) return list.format(names);
  return list.format([...names.slice(0, shown), i18n.t('picker.more', { count: names.length - shown })]);
}
