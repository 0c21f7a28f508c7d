// A request for documents: its prompt, the files given (by name), and the file picker.
import { useId } from 'react';
import { Heading, ItemNumber, Words, useFormLanguage, type ItemProps } from './form.tsx';

export function AttachmentItem({ item, place, level, answer }: ItemProps<'attachment'>) {
  const { rich, words } = useFormLanguage();
  const id = useId();
  const files = answer?.attachments ?? [];
  return (
    <div className="q-item q-question" data-kind="attachment" data-item={item.key}>
      <Heading level={level} id={`${id}-heading`} className="q-question__prompt">
        <ItemNumber number={place.number} />
        {rich(item.prompt)}
      </Heading>
      {files.length ? (
        <ul className="q-files" aria-labelledby={`${id}-heading`}>
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>{f.name}</li>
          ))}
        </ul>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-files`} className="field__label">
          <Words>{words(item.multiple ? 'items.attachFiles' : 'items.attachFile')}</Words>
        </label>
        <input id={`${id}-files`} type="file" multiple={item.multiple} disabled />
      </div>
    </div>
  );
}
