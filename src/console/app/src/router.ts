import { useEffect, useState } from 'preact/hooks';

// Hash routes (#/buckets/photos/parts): the server serves one page, and a reload keeps the place.
export interface Route {
  readonly parts: readonly string[];
  readonly query: URLSearchParams;
}

function current(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  const q = hash.indexOf('?');
  const pathPart = q < 0 ? hash : hash.slice(0, q);
  return {
    parts: pathPart
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent),
    query: new URLSearchParams(q < 0 ? '' : hash.slice(q + 1)),
  };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const f = () => setRoute(current());
    addEventListener('hashchange', f);
    return () => removeEventListener('hashchange', f);
  }, []);
  return route;
}

export function href(parts: readonly string[], query: Readonly<Record<string, string>> = {}): string {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${q === '' ? '' : `?${q}`}`;
}

export function go(parts: readonly string[], query: Readonly<Record<string, string>> = {}): void {
  location.hash = href(parts, query);
}
