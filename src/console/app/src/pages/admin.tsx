import { useState } from 'preact/hooks';
import { get, path, post, type Session } from '../api';
import { Age, ErrorNotice, Loading, useLoad } from '../components';
import { href } from '../router';

interface Account {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly createdAt: string;
}

const tabs = [['accounts', 'Accounts']] as const;

/** Administration of the server: accounts (and, with access control, users, keys and policies). */
export function AdminPage({ session, tab }: { session: Session; tab: string }) {
  if (!session.admin) return <p>Only the root of the default account administers this server.</p>;
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <nav class="tabs" aria-label="Administration">
        {tabs.map(([id, label]) => (
          <a key={id} href={href(['admin', id])} aria-current={tab === id ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <AccountsPanel />
    </section>
  );
}

function AccountsPanel() {
  const accounts = useLoad(() => get<{ accounts: Account[] }>(path('accounts')), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ account: Account; accessKeyId: string; secretAccessKey: string } | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const create = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      setCreated(await post(path('accounts'), { name: name.trim() }));
      setName('');
      accounts.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="panel" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Accounts</h2>
      <form class="inline-form" onSubmit={(e) => void create(e)}>
        <label for="account-name">New account name</label>
        <input id="account-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="primary">
          Create account
        </button>
      </form>
      {created !== undefined && (
        <SecretOnce title={`Root key of ${created.account.name}`} accessKeyId={created.accessKeyId} secret={created.secretAccessKey} />
      )}
      <ErrorNotice error={error ?? accounts.error} />
      {accounts.data === undefined ? (
        accounts.error === undefined && <Loading />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Account ID</th>
                <th scope="col">Display name</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.accounts.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td class="mono">{a.id}</td>
                  <td>{a.displayName}</td>
                  <td>
                    <Age iso={a.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** A secret is shown here once: the server keeps no way to show it again. */
export function SecretOnce({ title, accessKeyId, secret }: { title: string; accessKeyId: string; secret: string }) {
  return (
    <div class="notice warn secret" role="alert">
      <p>
        <strong>{title}.</strong> Copy the secret now: it is shown only this once.
      </p>
      <dl class="facts">
        <dt>Access key ID</dt>
        <dd class="mono">{accessKeyId}</dd>
        <dt>Secret access key</dt>
        <dd class="mono">{secret}</dd>
      </dl>
    </div>
  );
}
