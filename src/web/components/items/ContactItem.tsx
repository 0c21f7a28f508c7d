// The contact block: who answers (a State's coordinating office, an organisation), its fields as
// labelled boxes (filled in here given onChange), and the sentence on how and by when to return the form.
import { useId } from 'react';
import { Heading, Words, useFormLanguage, type ItemProps } from './form.tsx';

const inputTypes = { text: 'text', email: 'email', tel: 'tel', country: 'text', url: 'text', multiline: 'text' } as const;

export function ContactItem({ item, level, answer, onChange }: ItemProps<'contact'>) {
  const { text, rich, words, respondentType } = useFormLanguage();
  const id = useId();
  return (
    <section className="q-item" data-kind="contact" data-item={item.key} aria-labelledby={`${id}-heading`}>
      <Heading level={level} id={`${id}-heading`} className="q-item__heading">
        <Words>{words(respondentType === 'state' ? 'questionnaire.contact' : 'items.organisation')}</Words>
      </Heading>
      {item.introduction ? <p>{rich(item.introduction)}</p> : null}
      <div className="q-contact">
        {item.fields.map((f) => {
          const fieldId = `${id}-${f.key}`;
          const value = answer?.fields[f.key] ?? '';
          const edit = onChange ? (v: string) => onChange({ kind: 'contact', fields: { ...answer?.fields, [f.key]: v } }) : undefined;
          return (
            <div className="field" key={f.key} data-field={f.key}>
              <label htmlFor={fieldId} className="field__label">
                {text(f.label)}
              </label>
              {f.type === 'multiline' ? (
                <textarea id={fieldId} rows={2} value={value} disabled={!edit} onChange={(e) => edit?.(e.target.value)} />
              ) : (
                <input id={fieldId} type={inputTypes[f.type]} inputMode={f.type === 'url' ? 'url' : undefined} value={value} disabled={!edit} onChange={(e) => edit?.(e.target.value)} />
              )}
            </div>
          );
        })}
      </div>
      {item.afterword ? <p className="q-return">{rich(item.afterword)}</p> : null}
    </section>
  );
}
