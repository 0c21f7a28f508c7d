// A written paragraph as a reader sees it: "• " lines become a list, the others paragraphs, and
// each footnote marker stands where it stood, linked to its footnote (#fn-N) when the response
// has it. The footnotes a response has come from FootnotesContext (ItemQuestionnaire gives it).
import { createContext, Fragment, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paragraph } from '../../../domain/response.ts';
import { paragraphRuns, type ParagraphRun as Run } from '../../../domain/questionnaire/layout.ts';

/** The addresses inside a page showing a response: an answer, one of its paragraphs, a footnote. */
export const anchors = {
  answer: (item: string) => `answer-${item}`,
  paragraph: (item: string, index: number) => `para-${item}-${index}`,
  footnote: (n: number) => `fn-${n}`,
};

/** The numbers of the footnotes the response shown has. */
export const FootnotesContext = createContext<ReadonlySet<number>>(new Set());

export function ParagraphText({ paragraph }: { paragraph: Paragraph }) {
  const footnotes = useContext(FootnotesContext);
  const lines: Run[][] = [[]];
  for (const run of paragraphRuns(paragraph)) {
    if ('footnote' in run) lines.at(-1)!.push(run);
    else
      run.text.split('\n').forEach((text, i) => {
        if (i > 0) lines.push([]);
        if (text) lines.at(-1)!.push({ text });
      });
  }
  const bullet = (line: Run[]) => {
    const first = line[0];
    return first !== undefined && 'text' in first && first.text.startsWith('\u2022 ');
  };
  const runs = (line: Run[]) =>
    line.map((run, i) =>
      'footnote' in run ? <FootnoteRef key={i} n={run.footnote} exists={footnotes.has(run.footnote)} /> : <Fragment key={i}>{run.text}</Fragment>,
    );
  const blocks: ReactNode[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!bullet(lines[i]!)) {
      if (lines[i]!.length) blocks.push(<p key={i}>{runs(lines[i]!)}</p>);
      continue;
    }
    const items: Run[][] = [];
    for (; i < lines.length && bullet(lines[i]!); i++) {
      const [first, ...rest] = lines[i]! as [{ text: string }, ...Run[]];
      items.push([{ text: first.text.slice(2) }, ...rest]);
    }
    i--;
    blocks.push(
      <ul key={i}>
        {items.map((item, k) => (
          <li key={k}>{runs(item)}</li>
        ))}
      </ul>,
    );
  }
  return <>{blocks}</>;
}

function FootnoteRef({ n, exists }: { n: number; exists: boolean }) {
  const { t } = useTranslation();
  if (!exists) return <sup className="fn-ref fn-ref--missing" title={t('submission.noFootnote', { number: n })}>{n}</sup>;
  return (
    <sup className="fn-ref">
      <a href={`#${anchors.footnote(n)}`} aria-label={t('submission.footnote', { number: n })}>
        {n}
      </a>
    </sup>
  );
}

/**
 * The paragraph with `text` in place of its own: the footnote markers keep their place in the
 * words around them (a marker inside the words replaced goes to the end of what replaced them).
 */
export function retext(p: Paragraph, text: string): Paragraph {
  if (!p.anchors?.length) return { ...p, text };
  const old = p.text;
  let start = 0;
  while (start < old.length && start < text.length && old[start] === text[start]) start++;
  let end = 0;
  while (end < old.length - start && end < text.length - start && old[old.length - 1 - end] === text[text.length - 1 - end]) end++;
  const oldEnd = old.length - end;
  const newEnd = text.length - end;
  const anchors = p.anchors.map((a) => (a <= start ? a : a >= oldEnd ? a + newEnd - oldEnd : newEnd));
  return { ...p, text, anchors };
}
