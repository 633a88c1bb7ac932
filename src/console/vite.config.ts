import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console bundle: built by `npm run build` into dist/console, served by the server at /_cairn/console/.
// No CDN, nothing fetched at run time: every module is bundled, hashed names under assets/.
export default defineConfig({
  root: fileURLToPath(new URL('./app', import.meta.url)),
  base: '/_cairn/console/',
  logLevel: 'warn',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
