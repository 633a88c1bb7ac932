// ESLint rule `cairn/layers`: the import arrows of DESIGN.md, enforced.
// A module is a top-level folder of src/ (dialects/<name> counts as its own module).
import path from 'node:path';

const srcRoot = path.resolve(import.meta.dirname, '..', 'src');

/** Which modules each module may import (besides itself). */
const allowed = {
  core: [],
  config: ['core'],
  storage: ['core'],
  auth: ['core'],
  'dialects/common': ['core', 'auth'],
  'dialects/s3': ['dialects/common', 'auth', 'core'],
  'dialects/oss': ['dialects/common', 'auth', 'core'],
  'dialects/glacier': ['dialects/common', 'auth', 'core'],
  http: ['dialects/common', 'dialects/s3', 'dialects/oss', 'dialects/glacier', 'admin-api', 'core'],
  'admin-api': ['dialects/common', 'auth', 'core'],
  cli: ['main', 'config', 'admin-api', 'auth', 'core'],
  console: ['admin-api'],
  main: ['*'],
};

/** npm packages (besides node: built-ins) each module may use. */
const packages = {
  core: [],
  storage: ['better-sqlite3'],
  'dialects/common': [],
  'dialects/s3': [],
  'dialects/oss': [],
  'dialects/glacier': [],
};

/** The store ports (relative to src/, without extension) and context fields dialect code may not reach. */
const STORE_PORTS = new Set([path.join('core', 'ports', 'metadata-store'), path.join('core', 'ports', 'blob-store')]);
const STORE_FIELDS = new Set(['meta', 'blobs']);

function moduleOf(file) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..')) return undefined;
  const parts = rel.split(path.sep);
  if (parts.length === 1) return parts[0].replace(/\.[jt]s$/, '');
  if (parts[0] === 'dialects') return `dialects/${parts[1]}`;
  return parts[0];
}

export const layersRule = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      arrow: '{{from}} may not import {{to}} (DESIGN.md layers)',
      pkg: '{{from}} may not depend on package {{to}}',
      store: 'dialect code reaches the stores only through core functions: {{what}}',
    },
  },
  create(context) {
    const from = moduleOf(context.filename);
    if (from === undefined || from === 'main') return {};
    const dialect = from.startsWith('dialects/');
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(context.filename), spec);
        if (dialect && STORE_PORTS.has(path.relative(srcRoot, target).replace(/\.[jt]s$/, ''))) {
          context.report({ node, messageId: 'store', data: { what: `import ${spec}` } });
        }
        const to = moduleOf(target);
        if (to === undefined || to === from) return;
        const ok = allowed[from] ?? [];
        if (!ok.includes('*') && !ok.includes(to)) context.report({ node, messageId: 'arrow', data: { from, to } });
        return;
      }
      if (spec.startsWith('node:')) return;
      // Tests may use dev dependencies (real clients, reference implementations) to check our code.
      if (context.filename.endsWith('.test.ts')) return;
      const pkgs = packages[from];
      if (pkgs === undefined) return;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!pkgs.includes(name)) context.report({ node, messageId: 'pkg', data: { from, to: name } });
    };
    return {
      // `ctx.meta`, `h.ctx.meta`, `ctx.blobs`...: the stores behind the core, which handlers never touch.
      MemberExpression: (n) => {
        if (!dialect || n.computed || n.property.type !== 'Identifier' || !STORE_FIELDS.has(n.property.name)) return;
        const o = n.object;
        const named = o.type === 'Identifier' ? o.name : o.type === 'MemberExpression' && !o.computed ? o.property.name : undefined;
        if (named === 'ctx' || named === 'core') {
          context.report({ node: n, messageId: 'store', data: { what: `${named}.${n.property.name}` } });
        }
      },
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};
