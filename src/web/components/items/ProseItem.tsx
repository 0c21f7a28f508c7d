// A question answered in prose: its number and prompt, the guidance, the suggested length, and
// the answer's paragraphs (a blank box when there are none), each with its number and footnote
// markers. Given onChange, each paragraph is a box to write in: a paragraph can be added or
// removed, and the others keep their ids, numbers and footnote markers.
import { useId, useState } from 'react';
import { idsFrom } from '../../../domain/paragraph-ids.ts';
import type { Paragraph } from '../../../domain/response.ts';
import type { ProseAnswer } from '../../../domain/questionnaire/kinds/prose.ts';
import { Heading, ItemNumber, Words, useFormLanguage, type ItemProps } from './form.tsx';
import { ParagraphText, anchors, retext } from './ParagraphText.tsx';

/** A new paragraph's id, made here so that it keeps it from its first save on (paragraph-ids.ts). */
const newId = idsFrom((n) => crypto.getRandomValues(new Uint8Array(n)));

const marker = (p: Paragraph) => (p.number !== null ? `${p.number}.` : p.label ? `${p.label}.` : '');

export function ProseItem({ item, place, level, answer, onChange }: ItemProps<'prose'>) {
  const { rich, words } = useFormLanguage();
  const headingId = useId();
  // Counted in the answer as stored, so that a check's "paragraph 3" link finds it.
  const paragraphs = (answer?.paragraphs ?? []).map((p, index) => ({ p, index })).filter(({ p }) => p.text.trim() !== '');
  return (
    <div className="q-item q-question" data-kind="prose" data-item={item.key} data-question={item.key} id={anchors.answer(item.key)} tabIndex={-1}>
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
      {onChange ? (
        <ProseEditor itemKey={item.key} name={place.number ?? item.key} paragraphs={answer?.paragraphs ?? []} onChange={onChange} />
      ) : paragraphs.length ? (
        <div className="q-prose" role="group" aria-labelledby={headingId}>
          {paragraphs.map(({ p, index }) => (
            <div className="sub-para" key={p.id ?? index} id={anchors.paragraph(item.key, index)} data-paragraph={p.number ?? ''} tabIndex={-1}>
              <span className="sub-para__marker">{marker(p)}</span>
              <div className="sub-para__body">
                {p.label && p.number !== null ? <strong>{p.label}. </strong> : null}
                <ParagraphText paragraph={p} />
              </div>
            </div>
          ))}
        </div>
      ) : (
        <textarea className="q-answer" rows={3} disabled aria-labelledby={headingId} />
      )}
    </div>
  );
}

function ProseEditor({ itemKey, name, paragraphs, onChange }: { itemKey: string; name: string; paragraphs: Paragraph[]; onChange: (answer: ProseAnswer) => void }) {
  const { words } = useFormLanguage();
  const id = useId();
  // An answer with no paragraph yet is one empty box; writing in it makes the first paragraph.
  const [blank] = useState<Paragraph>(() => ({ id: newId(), number: null, text: '', footnotes: [] }));
  const shown: Paragraph[] = paragraphs.length ? paragraphs : [blank];
  const set = (next: Paragraph[]) => onChange({ kind: 'prose', paragraphs: next });
  const add = () => {
    const last = shown.at(-1);
    const number = last?.number != null ? last.number + 1 : null;
    set([...shown, { id: newId(), number, text: '', footnotes: [] }]);
    // The new box takes the focus once it is there.
    requestAnimationFrame(() => document.getElementById(`${id}-${shown.length}`)?.focus());
  };
  return (
    <div className="q-prose-edit">
      {shown.map((p, i) => {
        const boxId = `${id}-${i}`;
        const label = p.number !== null ? words('editor.paragraphNumbered', { question: name, number: p.number }) : p.label ? words('editor.paragraphLabelled', { question: name, label: p.label }) : words('editor.paragraph', { question: name, index: i + 1 });
        return (
          <div className="q-para-edit" key={p.id ?? `new-${i}`} id={anchors.paragraph(itemKey, i)} data-paragraph={p.number ?? ''} tabIndex={-1}>
            <label htmlFor={boxId} className="q-para-edit__label">
              <span aria-hidden="true">{marker(p) || '¶'}</span>
              <span className="visually-hidden">{label}</span>
            </label>
            <div className="q-para-edit__body">
              <textarea id={boxId} value={p.text} rows={Math.min(12, Math.max(3, Math.ceil(p.text.length / 90) + p.text.split('\n').length - 1))} onChange={(e) => set(shown.map((x, k) => (k === i ? retext(x, e.target.value) : x)))} />
              {p.footnotes.length ? (
                <p className="field__hint">
                  <Words>{words('editor.footnotesKept', { count: p.footnotes.length, numbers: p.footnotes.join(', ') })}</Words>
                </p>
              ) : null}
            </div>
            {paragraphs.length ? (
              <button type="button" className="button button--link q-para-edit__remove" onClick={() => set(shown.filter((_, k) => k !== i))} aria-label={words('editor.removeParagraph', { paragraph: label })}>
                <Words>{words('editor.remove')}</Words>
              </button>
            ) : null}
          </div>
        );
      })}
      <button type="button" className="button button--secondary" onClick={add} aria-label={words('editor.addParagraphTo', { question: name })}>
        <Words>{words('editor.addParagraph')}</Words>
      </button>
    </div>
  );
}
