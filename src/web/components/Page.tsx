// The heading every page starts with; it also sets the document title.
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function PageHeading({ title, eyebrow, children }: { title: string; eyebrow?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const documentTitle = t('app.documentTitle', { title });
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
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
