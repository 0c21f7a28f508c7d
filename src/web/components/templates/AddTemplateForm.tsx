// A secretariat adds its own questionnaire: a JSON or YAML file (or pasted text) is sent as it is;
// the server checks it and either stores it whole or names every bad field and stores nothing.
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/index.ts';
import type { Template } from '../../../domain/template.ts';
import { api, ApiError } from '../../api.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { ErrorSummary, type SummaryItem } from '../ErrorSummary.tsx';
import { Field } from '../Field.tsx';
import { LiveMessage } from '../Status.tsx';
import { templateFileText, templateFileTypes, templateFormat } from './templateText.ts';

/** The built-in template offered as a starting point. */
export const starterTemplateId = 'apac-2020';

type Problem = { detail: string; items: SummaryItem[]; attempt: number; fieldErrors: boolean };

function problemOf(err: unknown, attempt: number): Problem {
  const error = err instanceof ApiError ? err : new ApiError(0, 'Error', err instanceof Error ? err.message : String(err));
  // Every refusal short of a server failure happens before anything is written.
  const stored = error.status >= 400 && error.status < 500 ? i18n.t('addTemplate.nothingStored') : '';
  const fix = error.errors.length ? i18n.t('addTemplate.fix', { count: error.errors.length }) : '';
  return {
    detail: `${error.summary}${stored}${fix}`,
    items: error.errors.map((e) => ({
      message: (
        <>
          <code className="field-path">{e.path}</code> {e.message}
        </>
      ),
    })),
    attempt,
    fieldErrors: error.errors.length > 0,
  };
}

export function AddTemplateForm({ onAdded }: { onAdded(template: Template): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string>();
  const [fileInput, setFileInput] = useState(0); // a new key empties the file input after adding
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [added, setAdded] = useState<Template>();
  const format = templateFormat(text, fileName);
  // Says how the text will be read, so a file's extension or a pasted "{" is never a surprise.
  const formatName = format === 'json' ? 'JSON' : 'YAML';
  const textHint = text
    ? fileName
      ? t('addTemplate.hintReadFrom', { format: formatName, file: fileName })
      : t('addTemplate.hintRead', { format: formatName })
    : t('addTemplate.hintEmpty');

  const onFile = async (file: File | undefined) => {
    setAdded(undefined);
    if (!file) return;
    try {
      setText(await file.text());
      setFileName(file.name);
    } catch {
      setProblem({ detail: t('addTemplate.unreadable', { file: file.name }), items: [], attempt: (problem?.attempt ?? 0) + 1, fieldErrors: false });
    }
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const attempt = (problem?.attempt ?? 0) + 1;
    setAdded(undefined);
    if (!text.trim()) {
      setProblem({
        detail: t('addTemplate.nothingYet'),
        items: [{ fieldId: 'template-file', message: t('addTemplate.chooseFile') }],
        attempt,
        fieldErrors: false,
      });
      return;
    }
    setSending(true);
    try {
      const template = await api.templates.add(text, format);
      setProblem(undefined);
      setAdded(template);
      setText('');
      setFileName(undefined);
      setFileInput((k) => k + 1);
      onAdded(template);
    } catch (err) {
      setProblem(problemOf(err, attempt));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="card add-template" aria-labelledby="add-template-heading">
      <h2 id="add-template-heading">{t('addTemplate.heading')}</h2>
      <p>
        <Trans i18nKey="addTemplate.intro" components={[<code key="id" />, <code key="title" />]} />
      </p>
      <StarterDownload />

      {problem ? <ErrorSummary key={problem.attempt} title={t('addTemplate.notAdded')} detail={problem.detail} items={problem.items} /> : null}
      <LiveMessage>
        {added ? (
          <>
            <Trans
              i18nKey="addTemplate.added"
              values={{ title: added.title, id: added.id, version: added.version }}
              components={[<code key="id" />]}
            />{' '}
            <Link to={`/templates/${encodeURIComponent(added.id)}`}>{t('addTemplate.viewIt')}</Link>
          </>
        ) : null}
      </LiveMessage>

      <form onSubmit={onSubmit} noValidate className="form--wide">
        <Field id="template-file" label={t('addTemplate.fileLabel')} hint={t('addTemplate.fileHint')}>
          {(control) => (
            <input
              key={fileInput}
              {...control}
              type="file"
              accept={[...templateFileTypes, 'application/json', 'application/yaml'].join(',')}
              onChange={(e) => void onFile(e.target.files?.[0])}
            />
          )}
        </Field>
        <Field id="template-text" label={t('addTemplate.textLabel')} hint={textHint}>
          {(control) => (
            <textarea
              {...control}
              {...(problem?.fieldErrors ? { 'aria-invalid': true } : {})}
              className="code-input"
              rows={14}
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                // Emptied: what comes next is pasted, and is read by its content, not the old file's name.
                if (!e.target.value) setFileName(undefined);
              }}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('addTemplate.checking') : t('addTemplate.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A link that saves the built-in template as apac-2020.json: built from the API's JSON, so it is what the server holds. */
function StarterDownload() {
  const { t } = useTranslation();
  const starter = useLoad(() => api.templates.get(starterTemplateId), []);
  const [href, setHref] = useState<string>();
  useEffect(() => {
    if (!starter.data) return;
    const url = URL.createObjectURL(new Blob([templateFileText(starter.data)], { type: 'application/json' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [starter.data]);
  if (starter.status === 'error') {
    return <p className="muted">{t('addTemplate.starterFailed', { id: starterTemplateId, detail: starter.error.detail })}</p>;
  }
  return (
    <p className="starter-download">
      {href ? (
        <a href={href} download={`${starterTemplateId}.json`} className="button button--secondary">
          {t('addTemplate.download', { id: starterTemplateId })}
        </a>
      ) : (
        <span className="muted">{t('addTemplate.preparing', { id: starterTemplateId })}</span>
      )}
    </p>
  );
}
