import { get, path, withQuery } from '../api';
import { useLoad } from '../components';
import { href } from '../router';
import { LifecyclePanel } from './lifecycle';
import { ObjectsPanel } from './objects';
import { PartsPanel } from './parts';

export interface Permissions {
  readonly admin: boolean;
  readonly actions: Readonly<Record<string, boolean>>;
}

const tabs = [
  ['objects', 'Objects'],
  ['parts', 'Part Management'],
  ['lifecycle', 'Lifecycle'],
] as const;

/** One bucket: its Objects browser, its Part Management panel and its Lifecycle rules. */
export function BucketPage({ bucket, tab, query }: { bucket: string; tab: string; query: URLSearchParams }) {
  const perms = useLoad(() => get<Permissions>(withQuery(path('permissions'), { bucket })), [bucket]);
  const can = (action: string) => perms.data?.actions[action] === true;
  return (
    <section aria-labelledby="bucket-title">
      <p class="crumbs">
        <a href="#/buckets">Buckets</a> /
      </p>
      <h1 id="bucket-title">{bucket}</h1>
      <nav class="tabs" aria-label="Bucket">
        {tabs.map(([id, label]) => (
          <a key={id} href={href(['buckets', bucket, id])} aria-current={tab === id ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {tab === 'parts' ? (
        <PartsPanel bucket={bucket} can={can} />
      ) : tab === 'lifecycle' ? (
        <LifecyclePanel bucket={bucket} can={can} />
      ) : (
        <ObjectsPanel bucket={bucket} prefix={query.get('prefix') ?? ''} can={can} />
      )}
    </section>
  );
}
