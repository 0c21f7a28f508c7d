// A section: the line above its heading, its number and heading, the GCM objectives it is about
// (when it names several: a section about one objective is headed by it), its introduction, then
// its items one heading level below.
import { useId } from 'react';
import { objectiveTitle } from '../../../domain/questionnaire/builtin/gcm-terms.ts';
import { Heading, ItemNumber, Words, below, useFormLanguage, type HeadingLevel, type ItemProps } from './form.tsx';

export function SectionItem({ item, place, level, children }: ItemProps<'section'>) {
  const { text, rich } = useFormLanguage();
  const headingId = useId();
  // "Instructions:" is a heading on screen, without the colon that leads into the list below it in print.
  const heading = item.heading ? text(item.heading).replace(/\s*:\s*$/, '') : undefined;
  const objectives = item.concerns?.objectives ?? [];
  return (
    <section
      className={`q-item q-item--section${place.number ? ' q-item--numbered' : ''}`}
      data-kind="section"
      data-item={item.key}
      data-level={level}
      aria-labelledby={heading ? headingId : undefined}
    >
      {item.preface ? <p className="q-preface">{rich(item.preface)}</p> : null}
      {heading ? (
        <Heading level={level} id={headingId} className="q-item__heading">
          <ItemNumber number={place.number} />
          {heading}
        </Heading>
      ) : null}
      {objectives.length > 1 ? <Objectives numbers={objectives} level={heading ? below(level) : level} /> : null}
      {item.introduction.map((p, i) => (
        <p key={i} className="q-introduction">
          {rich(p)}
        </p>
      ))}
      {children}
    </section>
  );
}

/** The objectives by number and title, in the form's language. */
function Objectives({ numbers, level }: { numbers: number[]; level: HeadingLevel }) {
  const { text, words } = useFormLanguage();
  return (
    <div className="q-objectives">
      <Heading level={level} className="q-objectives__title">
        <Words>{words('questionnaire.objectivesInCluster')}</Words>
      </Heading>
      <ul>
        {numbers.map((n) => (
          <li key={n}>
            <span className="q-objectives__number">
              <Words>{words('questionnaire.objective', { number: n })}</Words>
            </span>
            <span>{text(objectiveTitle(n))}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
