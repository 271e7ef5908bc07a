/**
 * Filter 4 intervention notes, among the lead, assisting and originating agencies only: the list,
 * and a form to add one while the intervention is under way. Read-only once closed.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX_LENGTH } from '@fourfold/shared/situations';
import { TextAreaField } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { useLanguage } from '../../../lib/use-language';
import type { VersionedSituation } from '../api/get-situation';
import { useAddNote, useNotes } from '../api/intervention-notes';
import { formatDateTime } from '../../../lib/format';
import { WriteError } from './write-error';

type InterventionNotesProps = {
  versioned: VersionedSituation;
  canWrite: boolean;
  onReload: () => void;
};

export function InterventionNotes({ versioned, canWrite, onReload }: InterventionNotesProps) {
  const { t } = useTranslation('situations');
  const language = useLanguage();
  const notes = useNotes(versioned.situation.id, { enabled: true });
  const add = useAddNote(versioned);
  const [body, setBody] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [added, setAdded] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    setAdded(false);
    if (!body.trim()) return;
    add.mutate(
      { body: body.trim() },
      {
        onSuccess: () => {
          setBody('');
          setAttempted(false);
          setAdded(true);
        },
      },
    );
  };
  const empty = attempted && !body.trim();

  return (
    <section aria-labelledby="notes-heading" className="situation-notes">
      <h2 id="notes-heading">{t('notes.heading')}</h2>
      <p className="field__hint">{t('notes.who')}</p>
      <QueryState query={notes} loading={t('notes.loading')} empty={<p>{t('notes.none')}</p>}>
        {(written) => (
          <ol className="situation-notes__list">
            {written.map((note) => (
              <li key={note.id} className="situation-notes__item">
                <p className="situation-notes__meta">
                  {t('notes.meta', {
                    name: note.author.displayName,
                    agency: note.agency.name,
                    date: formatDateTime(note.createdAt, language),
                  })}
                </p>
                <p className="situation-notes__body">{note.body}</p>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
      {canWrite ? (
        <form className="form" onSubmit={submit} noValidate>
          {added ? (
            <div className="alert alert--success" role="status">
              <p>{t('notes.added')}</p>
            </div>
          ) : null}
          <TextAreaField
            id="note-body"
            label={t('notes.add')}
            hint={t('notes.hint')}
            error={empty ? t('notes.errors.empty') : undefined}
            value={body}
            onChange={setBody}
            rows={4}
            maxLength={NOTE_MAX_LENGTH}
          />
          <WriteError error={add.error} onReload={onReload} situation={versioned.situation} />
          <button type="submit" className="button button--primary" disabled={add.isPending}>
            {add.isPending ? t('form.saving') : t('notes.submit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
