// A question answered in prose: its number and prompt, the guidance, the suggested length, and
// the answer's paragraphs (a blank box when there are none).
import { useId } from 'react';
import { Heading, ItemNumber, Words, useFormLanguage, type ItemProps } from './form.tsx';

export function ProseItem({ item, place, level, answer }: ItemProps<'prose'>) {
  const { rich, words } = useFormLanguage();
  const headingId = useId();
  const paragraphs = (answer?.paragraphs ?? []).filter((p) => p.text.trim() !== '');
  return (
    <div className="q-item q-question" data-kind="prose" data-item={item.key}>
      <Heading level={level} id={headingId} className="q-question__prompt">
        <ItemNumber number={place.number} />
        {rich(item.prompt)}
      </Heading>
      {item.guidance ? <p className="q-guidance">{rich(item.guidance)}</p> : null}
      {item.wordGuidance ? (
        <p className="q-guidance">
          <Words>{words(item.attachmentsAllowed ? 'questionnaire.wordsAttach' : 'questionnaire.words', { count: item.wordGuidance })}</Words>
        </p>
      ) : null}
      {paragraphs.length ? (
        <div className="q-prose" role="group" aria-labelledby={headingId}>
          {paragraphs.map((p, i) => (
            <p key={p.id ?? i}>
              {p.number !== null ? `${p.number}. ` : p.label ? `${p.label}. ` : ''}
              {p.text}
            </p>
          ))}
        </div>
      ) : (
        <textarea className="q-answer" rows={3} disabled aria-labelledby={headingId} />
      )}
    </div>
  );
}
