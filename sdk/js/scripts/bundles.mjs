// The two bundles, as esbuild options; shared by the build and the test that loads them.

/**
 * @param {string} root the SDK's folder, ending in '/'
 * @returns {(import('esbuild').BuildOptions & { outfile: string })[]}
 */
export function bundles(root) {
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    entryPoints: [root + 'src/index.ts'],
    bundle: true,
    minify: true,
    // Browsers from 2020 on: optional chaining and async functions need no helpers.
    target: 'es2020',
    platform: 'browser',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  };
  return [
    { ...common, format: 'esm', outfile: root + 'dist/consent-ledger.mjs' },
    { ...common, format: 'iife', globalName: 'ConsentLedger', outfile: root + 'dist/consent-ledger.js' },
  ];
}
