import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, del, get, onSessionLost, path, setSession, type Session } from './api';
import { AdminPage } from './pages/admin';
import { BucketsPage } from './pages/buckets';
import { BucketPage } from './pages/bucket';
import { SignInPage } from './pages/sign-in';
import { UsagePage } from './pages/usage';
import { href, useRoute } from './router';
import './styles.css';

function App() {
  const [session, setSessionState] = useState<Session | undefined | null>(undefined);
  const [lostMessage, setLostMessage] = useState<string | undefined>(undefined);
  const route = useRoute();

  const signedIn = (s: Session | undefined) => {
    setSession(s);
    setSessionState(s ?? null);
  };
  useEffect(() => {
    onSessionLost((message) => {
      setLostMessage(message);
      signedIn(undefined);
    });
    get<Session>(path('session')).then(
      (s) => signedIn(s),
      (e: unknown) => {
        if (e instanceof ApiError && e.code === 'SessionExpired') setLostMessage(e.message);
        signedIn(undefined);
      },
    );
  }, []);

  if (session === undefined) return <p class="loading">Loading…</p>;
  if (session === null)
    return (
      <SignInPage
        message={lostMessage}
        onSignedIn={(s) => {
          setLostMessage(undefined);
          signedIn(s);
        }}
      />
    );

  const [section] = route.parts;
  const signOut = async () => {
    try {
      await del(path('session'));
    } finally {
      signedIn(undefined);
    }
  };
  const who = session.principal.userName ?? 'root';
  return (
    <div class="shell">
      <header class="top">
        <a class="brand" href="#/buckets">
          Cairn
        </a>
        <nav aria-label="Main">
          <a href="#/buckets" aria-current={section === 'buckets' || section === undefined ? 'page' : undefined}>
            Buckets
          </a>
          <a href="#/usage" aria-current={section === 'usage' ? 'page' : undefined}>
            Usage
          </a>
          {session.admin && (
            <a href={href(['admin', 'accounts'])} aria-current={section === 'admin' ? 'page' : undefined}>
              Admin
            </a>
          )}
        </nav>
        <div class="who">
          <span title={`Account ${session.principal.accountId}, access key ${session.principal.accessKeyId}`}>
            {who} · {session.principal.accountId}
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        <Page session={session} parts={route.parts} query={route.query} />
      </main>
    </div>
  );
}

function Page({ session, parts, query }: { session: Session; parts: readonly string[]; query: URLSearchParams }) {
  const [section, bucket, tab] = parts;
  if (section === 'usage') return <UsagePage />;
  if (section === 'admin') return <AdminPage session={session} tab={bucket ?? 'accounts'} />;
  if (section === 'buckets' && bucket !== undefined) return <BucketPage bucket={bucket} tab={tab ?? 'objects'} query={query} />;
  return <BucketsPage />;
}

render(<App />, document.getElementById('app')!);
