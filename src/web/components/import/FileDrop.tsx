// A file input that also takes a file dropped on it. The native input stays visible and
// usable from the keyboard; dragging is an extra, not the only way.
import { useState, type DragEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { i18n, intlLocale } from '../../i18n/index.ts';

export const acceptedTypes = ['.txt', '.docx', '.pdf'];

export function FileDrop({ id, file, onFile, describedBy }: { id: string; file: File | null; onFile(file: File | null): void; describedBy?: string | undefined }) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };
  return (
    <div
      className={dragging ? 'drop drop--active' : 'drop'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p className="drop__hint" aria-hidden="true">
        {t('importPage.drop')}
      </p>
      <input
        id={id}
        type="file"
        accept={[...acceptedTypes, 'text/plain', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'].join(',')}
        aria-describedby={describedBy}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
      {file ? (
        <p className="drop__file">
          <Trans i18nKey="importPage.chosen" values={{ file: file.name, size: formatSize(file.size) }} components={[<strong key="file" />]} />
        </p>
      ) : null}
    </div>
  );
}

/** "532 bytes", "12.5 KB", "3.2 MB" (or "12,5 Ko" in French). */
export function formatSize(bytes: number): string {
  const one = new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (bytes < 1024) return i18n.t('importPage.bytes', { size: new Intl.NumberFormat(intlLocale()).format(bytes) });
  if (bytes < 1024 * 1024) return i18n.t('importPage.kb', { size: one.format(bytes / 1024) });
  return i18n.t('importPage.mb', { size: one.format(bytes / 1024 / 1024) });
}
