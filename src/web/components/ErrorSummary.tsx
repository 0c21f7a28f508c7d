// "There is a problem": the server's detail and a link to each field that needs attention.
// It takes focus when it appears so keyboard and screen-reader users land on it.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** The id of the control to jump to; omitted for problems not tied to a field. */
  fieldId?: string;
  /** Usually a sentence; markup where part of it is code (a field's path in a file). */
  message: ReactNode;
}

export function ErrorSummary({ title, detail, items }: { title?: string; detail?: string; items: SummaryItem[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [detail, items.length]);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary__title">
        {title ?? t('errorSummary.title')}
      </h2>
      {detail ? <p>{detail}</p> : null}
      {items.length ? (
        <ul>
          {items.map((item, i) => (
            <li key={i}>
              {item.fieldId ? (
                <a
                  href={`#${item.fieldId}`}
                  onClick={(e) => {
                    // Focus the control itself; a plain jump would only scroll to it.
                    const el = document.getElementById(item.fieldId!);
                    if (el) {
                      e.preventDefault();
                      el.focus();
                      el.scrollIntoView({ block: 'center' });
                    }
                  }}
                >
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
