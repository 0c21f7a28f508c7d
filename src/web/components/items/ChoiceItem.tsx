// A choice: a group of options (radio buttons for one answer, checkboxes for several), with a box
// for the words an option asks for. The consent to publish stands under its own heading. Given
// onChange, the options are chosen here.
import { useId } from 'react';
import { Heading, ItemNumber, Words, useFormLanguage, type ItemProps } from './form.tsx';

export function ChoiceItem({ item, place, level, answer, onChange }: ItemProps<'choice'>) {
  const { text, rich, words } = useFormLanguage();
  const name = useId();
  const headingId = useId();
  const chosen = answer?.selected ?? [];
  const selected = new Set(chosen);
  const specified = answer?.specified ?? {};
  const consent = item.role === 'publication-consent';
  const choose = (value: string, on: boolean) => {
    const next = item.multiple ? (on ? [...chosen.filter((v) => v !== value), value] : chosen.filter((v) => v !== value)) : [value];
    onChange?.({ kind: 'choice', selected: next, specified });
  };
  const specify = (value: string, words: string) => onChange?.({ kind: 'choice', selected: chosen, specified: { ...specified, [value]: words } });
  const prompt = (
    <>
      <ItemNumber number={place.number} />
      {rich(item.prompt)}
    </>
  );
  const group = (
    <fieldset className={consent ? 'q-consent' : 'q-choice'} disabled={!onChange}>
      <legend>
        {consent ? (
          prompt
        ) : (
          <Heading level={level} className="q-question__prompt">
            {prompt}
          </Heading>
        )}
      </legend>
      <div className={consent ? 'q-options q-options--inline' : 'q-options'}>
        {item.options.map((o) => {
          const label = text(o.label);
          return (
            <div key={o.value} className="q-option" data-option={o.value}>
              <label className="check">
                <input
                  type={item.multiple ? 'checkbox' : 'radio'}
                  name={name}
                  value={o.value}
                  checked={selected.has(o.value)}
                  disabled={!onChange}
                  onChange={(e) => choose(o.value, e.target.checked)}
                />
                <span>{label}</span>
              </label>
              {o.specify ? (
                <input
                  type="text"
                  className="q-specify"
                  value={specified[o.value] ?? ''}
                  disabled={!onChange}
                  onChange={(e) => specify(o.value, e.target.value)}
                  aria-label={words('items.specify', { option: label })}
                />
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
  if (!consent) {
    return (
      <div className="q-item q-question" data-kind="choice" data-item={item.key}>
        {group}
      </div>
    );
  }
  return (
    <section className="q-item" data-kind="choice" data-item={item.key} data-role={item.role} aria-labelledby={headingId}>
      <Heading level={level} id={headingId} className="q-item__heading">
        <Words>{words('questionnaire.consent')}</Words>
      </Heading>
      {group}
    </section>
  );
}
