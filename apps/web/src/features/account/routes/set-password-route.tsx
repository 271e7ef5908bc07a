/**
 * The page a one-time invitation or reset link opens: /set-password#token=… (a bare #… works
 * too). The token is in the fragment, which browsers never send to a server; it is read once and
 * removed from the address bar at once, so it stays out of the history, bookmarks and screenshots.
 * The page says whose account it is and what the link is for, asks for the new password twice,
 * and signs the person in.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { Link, useNavigate } from 'react-router';
import type { LinkInspectResponse, PasswordReason } from '@fourfold/shared/credentials';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';
import { sessionStore } from '../../auth/session-store';
import { completeLink, inspectLink } from '../api/links';
import { NewPasswordFields } from '../components/new-password-fields';
import { passwordReasonsOf } from '../components/password-reasons';

function tokenFromHash(hash: string): string | null {
  const fragment = hash.replace(/^#/, '');
  if (!fragment) return null;
  const token = fragment.includes('=') ? new URLSearchParams(fragment).get('token') : fragment;
  return token && token.length >= 16 ? token : null;
}

type LinkState =
  | { status: 'checking' }
  | { status: 'missing' }
  | { status: 'invalid' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; link: LinkInspectResponse };

export function SetPasswordRoute() {
  const { t } = useTranslation('account');
  const format = useFormat();
  const navigate = useNavigate();
  // Read once, before the fragment is removed below.
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [state, setState] = useState<LinkState>(() =>
    token ? { status: 'checking' } : { status: 'missing' },
  );
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [reasons, setReasons] = useState<PasswordReason[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (window.location.hash) {
      const { pathname, search } = window.location;
      // Keeps the router's own history state; only the address shown changes.
      window.history.replaceState(window.history.state, '', `${pathname}${search}`);
    }
  }, []);

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    inspectLink(token, controller.signal).then(
      (link) => setState({ status: 'ready', link }),
      (caught: unknown) => {
        if (controller.signal.aborted) return;
        setState(
          caught instanceof ApiError && caught.code === 'LINK_INVALID'
            ? { status: 'invalid' }
            : { status: 'failed', error: caught },
        );
      },
    );
    return () => controller.abort();
  }, [token]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token) return;
    setError(null);
    setReasons(null);
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      sessionStore.adopt(await completeLink(token, password));
      navigate('/', { replace: true });
    } catch (caught) {
      const refused = passwordReasonsOf(caught);
      if (refused) setReasons(refused);
      else if (caught instanceof ApiError && caught.code === 'LINK_INVALID') {
        setState({ status: 'invalid' });
      } else setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (state.status === 'missing' || state.status === 'invalid') {
    return (
      <div className="narrow-page">
        <PageHeading>{t('setPassword.invalidTitle')}</PageHeading>
        <div className="alert alert--error" role="alert">
          <p>
            {state.status === 'missing'
              ? t('setPassword.missingBody')
              : t('setPassword.invalidBody')}
          </p>
        </div>
        <p>{t('setPassword.invalidHelp')}</p>
        <p>
          <Link to="/sign-in">{t('setPassword.signInLink')}</Link>
        </p>
      </div>
    );
  }

  if (state.status !== 'ready') {
    return (
      <div className="narrow-page">
        <PageHeading>{t('setPassword.title')}</PageHeading>
        {state.status === 'failed' ? (
          <ProblemAlert error={state.error} />
        ) : (
          <p className="loading" role="status">
            {t('setPassword.checking')}
          </p>
        )}
      </div>
    );
  }

  const { link } = state;
  const expires = format.dateTime(link.expiresAt, { dateStyle: 'long' });
  return (
    <div className="narrow-page">
      <PageHeading>{t('setPassword.title')}</PageHeading>
      <p>
        {link.purpose === 'invite'
          ? t('setPassword.inviteIntro', { name: link.displayName })
          : t('setPassword.resetIntro', { name: link.displayName })}
      </p>
      <dl className="details">
        <dt>{t('setPassword.account')}</dt>
        <dd>{link.email}</dd>
      </dl>
      <p>{t('setPassword.expires', { date: expires })}</p>
      {error ? <ProblemAlert error={error} /> : null}
      <form className="form" onSubmit={submit}>
        {/* Lets password managers save the new password under the right account. */}
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={link.email}
          readOnly
          hidden
        />
        <NewPasswordFields
          value={password}
          repeat={repeat}
          onChange={setPassword}
          onRepeatChange={setRepeat}
          reasons={reasons}
          mismatch={mismatch}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('setPassword.working') : t('setPassword.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
