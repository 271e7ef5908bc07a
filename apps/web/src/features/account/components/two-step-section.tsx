/**
 * Two-step verification on the account page: set it up (password → QR code and key → first code
 * → recovery codes shown once), get new recovery codes, or turn it off. Each step moves focus to
 * its own heading, so that keyboard and screen reader users follow along.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecondFactorSetupResponse } from '@fourfold/shared/credentials';
import { TextField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/problem-alert';
import { sessionStore } from '../../auth/session-store';
import { useSession } from '../../auth/use-session';
import {
  confirmSecondFactor,
  replaceRecoveryCodes,
  setUpSecondFactor,
  turnOffSecondFactor,
} from '../api/second-factor';
import { QrCode } from './qr-code';
import { RecoveryCodesPanel } from './recovery-codes-panel';

type Stage =
  | { step: 'idle' }
  | { step: 'start' }
  | { step: 'scan'; setup: SecondFactorSetupResponse }
  | { step: 'codes'; codes: string[]; then: Notice }
  | { step: 'regenerate' }
  | { step: 'disable' };

type Notice = 'enabled' | 'disabled' | 'codesReplaced';

/** The key in groups of four, as authenticator apps show and accept it. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

export function TwoStepSection() {
  const { t } = useTranslation('account');
  const { me } = useSession();
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const enabled = me.user.secondFactorEnabled;
  const requiredBy = me.memberships.filter((m) => m.requiresSecondFactor).map((m) => m.table.name);

  function go(next: Stage) {
    setError(null);
    setStage(next);
  }

  /** Runs a request of a step: busy while it runs, its failure shown above the step. */
  async function run(task: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await task();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const cancel = (
    <button type="button" className="button button--link" onClick={() => go({ step: 'idle' })}>
      {t('twoStep.cancel')}
    </button>
  );

  return (
    <section id="two-step" className="account-section" aria-labelledby="two-step-heading">
      <h2 id="two-step-heading" tabIndex={-1}>
        {t('twoStep.heading')}
      </h2>
      <p>{t('twoStep.intro')}</p>
      <p className="account-section__status">{enabled ? t('twoStep.on') : t('twoStep.off')}</p>
      {requiredBy.length > 0 ? (
        <p>{t('twoStep.requiredBy', { tables: requiredBy.join(', ') })}</p>
      ) : null}
      {enabled && !me.session.secondFactor ? <p>{t('twoStep.sessionWithout')}</p> : null}
      <div aria-live="polite">
        {notice && stage.step === 'idle' ? (
          <div className="alert alert--success" role="status">
            <p>{t(`twoStep.${notice}`)}</p>
          </div>
        ) : null}
      </div>
      {error ? <ProblemAlert error={error} /> : null}

      {stage.step === 'idle' && !enabled ? (
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            setNotice(null);
            go({ step: 'start' });
          }}
        >
          {t('twoStep.start')}
        </button>
      ) : null}

      {stage.step === 'idle' && enabled ? (
        <div className="form__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setNotice(null);
              go({ step: 'regenerate' });
            }}
          >
            {t('twoStep.regenerate')}
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              setNotice(null);
              go({ step: 'disable' });
            }}
          >
            {t('twoStep.disable')}
          </button>
        </div>
      ) : null}

      {stage.step === 'start' ? (
        <PasswordStep
          busy={busy}
          cancel={cancel}
          onSubmit={(password) =>
            run(async () => {
              const setup = await setUpSecondFactor(password);
              setStage({ step: 'scan', setup });
            })
          }
        />
      ) : null}

      {stage.step === 'scan' ? (
        <ScanStep
          setup={stage.setup}
          busy={busy}
          cancel={cancel}
          onSubmit={(code) =>
            run(async () => {
              const result = await confirmSecondFactor(code);
              sessionStore.adopt(result.session);
              setStage({ step: 'codes', codes: result.recoveryCodes, then: 'enabled' });
            })
          }
        />
      ) : null}

      {stage.step === 'codes' ? (
        <RecoveryCodesPanel
          codes={stage.codes}
          email={me.user.email}
          onDone={() => {
            setNotice(stage.then);
            setStage({ step: 'idle' });
          }}
        />
      ) : null}

      {stage.step === 'regenerate' ? (
        <ProofStep
          heading={t('twoStep.regenerateHeading')}
          help={t('twoStep.regenerateHelp')}
          submitLabel={t('twoStep.regenerate')}
          busy={busy}
          cancel={cancel}
          onSubmit={(password, code) =>
            run(async () => {
              const codes = await replaceRecoveryCodes({ password, code });
              setStage({ step: 'codes', codes, then: 'codesReplaced' });
            })
          }
        />
      ) : null}

      {stage.step === 'disable' ? (
        <ProofStep
          heading={t('twoStep.disableHeading')}
          help={t('twoStep.disableHelp')}
          submitLabel={t('twoStep.disable')}
          danger
          busy={busy}
          cancel={cancel}
          onSubmit={(password, code) =>
            run(async () => {
              sessionStore.adopt(await turnOffSecondFactor({ password, code }));
              setNotice('disabled');
              setStage({ step: 'idle' });
            })
          }
        />
      ) : null}
    </section>
  );
}

/** A step's heading, which takes focus when the step appears. */
function StepHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h3 ref={ref} tabIndex={-1}>
      {children}
    </h3>
  );
}

type StepProps = { busy: boolean; cancel: ReactNode };

function PasswordStep({
  busy,
  cancel,
  onSubmit,
}: StepProps & { onSubmit: (password: string) => Promise<void> }) {
  const { t } = useTranslation('account');
  const [password, setPassword] = useState('');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void onSubmit(password);
  }
  return (
    <form className="form" onSubmit={submit}>
      <StepHeading>{t('twoStep.startHeading')}</StepHeading>
      <p>{t('twoStep.startHelp')}</p>
      <TextField
        id="two-step-password"
        label={t('twoStep.currentPassword')}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        required
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('twoStep.working') : t('twoStep.continue')}
        </button>
        {cancel}
      </div>
    </form>
  );
}

function ScanStep({
  setup,
  busy,
  cancel,
  onSubmit,
}: StepProps & { setup: SecondFactorSetupResponse; onSubmit: (code: string) => Promise<void> }) {
  const { t } = useTranslation('account');
  const [code, setCode] = useState('');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void onSubmit(code.replace(/\s+/g, ''));
  }
  return (
    <div className="two-step__setup">
      <StepHeading>{t('twoStep.scanHeading')}</StepHeading>
      <p>{t('twoStep.scanHelp')}</p>
      <QrCode value={setup.otpauthUri} label={t('twoStep.qrAlt')} />
      <p>{t('twoStep.manualHelp')}</p>
      <dl className="details">
        <dt>{t('twoStep.secretLabel')}</dt>
        <dd>
          <code className="two-step__secret">{grouped(setup.secret)}</code>
        </dd>
      </dl>
      <form className="form" onSubmit={submit}>
        <TextField
          id="two-step-code"
          name="totpCode"
          label={t('twoStep.code')}
          hint={t('twoStep.codeHelp')}
          value={code}
          onChange={setCode}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxLength={7}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('twoStep.working') : t('twoStep.confirm')}
          </button>
          {cancel}
        </div>
      </form>
    </div>
  );
}

function ProofStep({
  heading,
  help,
  submitLabel,
  danger = false,
  busy,
  cancel,
  onSubmit,
}: StepProps & {
  heading: string;
  help: string;
  submitLabel: string;
  danger?: boolean;
  onSubmit: (password: string, code: string) => Promise<void>;
}) {
  const { t } = useTranslation('account');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void onSubmit(password, code.trim());
  }
  return (
    <form className="form" onSubmit={submit}>
      <StepHeading>{heading}</StepHeading>
      <p>{help}</p>
      <TextField
        id="two-step-proof-password"
        label={t('twoStep.currentPassword')}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        required
      />
      <TextField
        id="two-step-proof-code"
        label={t('twoStep.proofCode')}
        value={code}
        onChange={setCode}
        autoComplete="one-time-code"
        required
      />
      <div className="form__actions">
        <button
          type="submit"
          className={danger ? 'button button--danger' : 'button button--primary'}
          disabled={busy}
        >
          {busy ? t('twoStep.working') : submitLabel}
        </button>
        {cancel}
      </div>
    </form>
  );
}
