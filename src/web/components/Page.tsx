// The heading every page starts with; it also sets the document title.
import { useEffect, type ReactNode } from 'react';

export function PageHeading({ title, eyebrow, children }: { title: string; eyebrow?: ReactNode; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · GCM Review`;
  }, [title]);
  return (
    <div className="page-heading">
      {eyebrow ? <p className="page-heading__eyebrow">{eyebrow}</p> : null}
      <h1 id="page-heading" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
