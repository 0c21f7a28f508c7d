// A file input that also takes a file dropped on it. The native input stays visible and
// usable from the keyboard; dragging is an extra, not the only way.
import { useState, type DragEvent } from 'react';

export const acceptedTypes = ['.txt', '.docx', '.pdf'];

export function FileDrop({ id, file, onFile, describedBy }: { id: string; file: File | null; onFile(file: File | null): void; describedBy?: string | undefined }) {
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
        Drag the filled questionnaire here, or choose it:
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
          Chosen: <strong>{file.name}</strong> ({formatSize(file.size)})
        </p>
      ) : null}
    </div>
  );
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
