// @vitest-environment node
import { build, type BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundles } from '../scripts/bundles.mjs';

const root = new URL('..', import.meta.url).pathname;
const [esm, iife] = bundles(root);

const bundle = async (options: BuildOptions) => {
  const result = await build({ ...options, write: false, metafile: true, logLevel: 'silent' });
  return { code: result.outputFiles![0].text, meta: result.metafile };
};

describe('the bundles', () => {
  it('the script-tag bundle declares the ConsentLedger variable with the whole API', async () => {
    const { code } = await bundle(iife);
    // A classic script's top-level var is a property of window; run as a function body, it can be returned.
    const api = new Function(code + '\nreturn ConsentLedger;')();
    expect(Object.keys(api).sort()).toEqual(['LedgerError', 'applyConsentMode', 'create']);
    expect(api.create).toBeTypeOf('function');
    expect(api.applyConsentMode({ consentMode: {} }, () => {})).toBe(false);
  });

  it('the ES module exports the same API', async () => {
    const { meta } = await bundle(esm);
    const [output] = Object.values(meta!.outputs);
    expect([...output.exports].sort()).toEqual(['LedgerError', 'applyConsentMode', 'create']);
  });

  it('builds the same bytes every time', async () => {
    for (const options of [esm, iife]) {
      expect((await bundle(options)).code).toBe((await bundle(options)).code);
    }
  });
});
