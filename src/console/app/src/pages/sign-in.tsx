import { useState } from 'preact/hooks';
import { ApiError, path, post, setSession, type Session } from '../api';

export function SignInPage({ message, onSignedIn }: { message: string | undefined; onSignedIn: (s: Session) => void }) {
  const [accessKeyId, setKey] = useState('');
  const [secretAccessKey, setSecret] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const s = await post<Session>(path('session'), { accessKeyId: accessKeyId.trim(), secretAccessKey });
      setSession(s);
      onSignedIn(s);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Cairn</h1>
        <p class="hint">Use an access key of an account root or of an IAM user. The secret is checked once and not kept in the browser.</p>
        {message !== undefined && (
          <div class="notice warn" role="status">
            {message}
          </div>
        )}
        {error !== undefined && (
          <div class="notice error" role="alert">
            {error}
          </div>
        )}
        <label for="access-key">Access key ID</label>
        <input
          id="access-key"
          name="accessKeyId"
          autocomplete="username"
          required
          value={accessKeyId}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <label for="secret-key">Secret access key</label>
        <input
          id="secret-key"
          name="secretAccessKey"
          type="password"
          autocomplete="current-password"
          required
          value={secretAccessKey}
          onInput={(e) => setSecret(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
