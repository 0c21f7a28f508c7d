// A choice: a group of options (radio buttons for one answer, checkboxes for several), with a box
// for the words an option asks for. The consent to publish stands under its own heading.
import { useId } from 'react';
import { Heading, ItemNumber, Words, useFormLanguage, type ItemProps } from './form.tsx';

export function ChoiceItem({ item, place, level, answer }: ItemProps<'choice'>) {
  const { text, rich, words } = useFormLanguage();
  const name = useId();
  const headingId = useId();
  const selected = new Set(answer?.selected ?? []);
  const consent = item.role === 'publication-consent';
  const prompt = (
    <>
      <ItemNumber number={place.number} />
      {rich(item.prompt)}
    </>
  );
  const group = (
    <fieldset className={consent ? 'q-consent' : 'q-choice'} disabled>
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
                <input type={item.multiple ? 'checkbox' : 'radio'} name={name} value={o.value} checked={selected.has(o.value)} disabled />
                <span>{label}</span>
              </label>
              {o.specify ? (
                <input
                  type="text"
                  className="q-specify"
                  value={answer?.specified[o.value] ?? ''}
                  disabled
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
