// Makes the TC strings the ledger's TCF decoding is checked against (TcfStringsTest), with the IAB Tech Lab's
// reference library, and what that library decodes from each: ../resources/signals/tc-strings.json.
//
//   npm install && node make-tc-strings.mjs      (the output is committed; the test needs no Node.js)
import { writeFileSync } from 'node:fs';
import { range, seeded } from './seeded.mjs';
import { GVL, PurposeRestriction, RestrictionType, TCModel, TCString } from '@iabtcf/core';

const COUNT = 220;
const { random, int } = seeded(20261207);
const subset = (ids, p) => ids.filter(() => random() < p);

function gvl(maxVendor) {
  const purposes = Object.fromEntries(range(1, 11).map((id) => [id, { id, name: `P${id}`, description: '',
    illustrations: [] }]));
  const specialFeatures = Object.fromEntries(range(1, 2).map((id) => [id, { id, name: `SF${id}`, description: '',
    illustrations: [] }]));
  // Every vendor declares every purpose, by consent and (flexibly) by legitimate interest, so that any restriction
  // the strings carry is one the library keeps.
  const vendors = Object.fromEntries(range(1, maxVendor).map((id) => [id, { id, name: `V${id}`,
    purposes: range(1, 11), legIntPurposes: range(2, 11), flexiblePurposes: range(2, 11), specialPurposes: [],
    features: [], specialFeatures: [1, 2], policyUrl: 'https://example.org', usesCookies: true,
    cookieMaxAgeSeconds: 1, usesNonCookieAccess: false }]));
  return new GVL({ gvlSpecificationVersion: 3, vendorListVersion: int(1, 400), tcfPolicyVersion: int(4, 5),
    lastUpdated: '2026-11-01T00:00:00Z', purposes, specialPurposes: {}, features: {}, specialFeatures, vendors,
    stacks: {}, dataCategories: {} });
}

/** Dense sets of low ids encode as bit fields, sparse sets reaching high ids as ranges: both are made. */
function vendorIds(maxVendor) {
  if (random() < 0.5) return subset(range(1, Math.min(maxVendor, int(5, 120))), 0.6);
  const ids = [];
  for (let start = int(1, 50); start <= maxVendor; start += int(30, 400)) {
    ids.push(...range(start, Math.min(maxVendor, start + int(0, 12))));
  }
  return ids;
}

const restrictionName = { [RestrictionType.NOT_ALLOWED]: 'not-allowed',
  [RestrictionType.REQUIRE_CONSENT]: 'require-consent', [RestrictionType.REQUIRE_LI]: 'require-legitimate-interest' };
const list = (vector) => { const ids = []; vector.forEach((has, id) => { if (has) ids.push(id); }); return ids.sort((a, b) => a - b); };
/** Bit 229 of the core segment (after the 213 bits of fixed fields and MaxVendorId): 1 for a range encoding. */
const encoding = (tcString) => {
  const core = Buffer.from(tcString.split('.')[0], 'base64url');
  return (core[Math.floor(229 / 8)] >> (7 - (229 % 8))) & 1 ? 'range' : 'bit-field';
};
const instant = (date) => date.toISOString().replace('.000Z', 'Z').replace(/\.(\d)00Z$/, '.$1Z');

const cases = [];
for (let i = 0; i < COUNT; i++) {
  const maxVendor = random() < 0.5 ? int(10, 150) : int(300, 1200);
  const model = new TCModel(gvl(maxVendor));
  model.cmpId = int(2, 4000);
  model.cmpVersion = int(1, 60);
  model.consentScreen = int(0, 20);
  model.consentLanguage = ['EN', 'FR', 'DE', 'IT', 'ES', 'NL', 'PL', 'PT'][int(0, 7)];
  model.publisherCountryCode = ['FR', 'DE', 'GB', 'IT', 'ES'][int(0, 4)];
  model.isServiceSpecific = true;
  model.created = new Date(Date.UTC(2024, 0, 1) + int(0, 900) * 86400000 + int(0, 863999) * 100);
  model.lastUpdated = new Date(model.created.getTime() + int(0, 864000) * 100);
  model.purposeConsents.set(subset(range(1, 11), 0.5));
  model.purposeLegitimateInterests.set(subset(range(2, 11), 0.3));
  model.specialFeatureOptins.set(subset([1, 2], 0.5));
  model.vendorConsents.set(vendorIds(maxVendor));
  model.vendorLegitimateInterests.set(vendorIds(maxVendor));
  for (let r = int(0, 3); r > 0; r--) {
    const type = [RestrictionType.NOT_ALLOWED, RestrictionType.REQUIRE_CONSENT, RestrictionType.REQUIRE_LI][int(0, 2)];
    const restriction = new PurposeRestriction(int(2, 10), type);
    for (const vendor of vendorIds(maxVendor).slice(0, int(1, 20))) model.publisherRestrictions.add(vendor, restriction);
  }
  const tcString = TCString.encode(model);
  // What the reference library reads back from the string is what the ledger must read.
  const decoded = TCString.decode(tcString);
  cases.push({
    tcString,
    vendorConsentEncoding: encoding(tcString),
    version: decoded.version,
    created: instant(decoded.created),
    lastUpdated: instant(decoded.lastUpdated),
    cmpId: Number(decoded.cmpId),
    cmpVersion: Number(decoded.cmpVersion),
    consentScreen: Number(decoded.consentScreen),
    consentLanguage: decoded.consentLanguage,
    vendorListVersion: Number(decoded.vendorListVersion),
    policyVersion: Number(decoded.policyVersion),
    purposeConsents: list(decoded.purposeConsents),
    purposeLegitimateInterests: list(decoded.purposeLegitimateInterests),
    specialFeatureOptIns: list(decoded.specialFeatureOptins),
    vendorConsents: list(decoded.vendorConsents),
    vendorLegitimateInterests: list(decoded.vendorLegitimateInterests),
    publisherRestrictions: decoded.publisherRestrictions.getRestrictions()
      .map((r) => ({ purposeId: r.purposeId, restrictionType: restrictionName[r.restrictionType],
        vendorIds: decoded.publisherRestrictions.getVendors(r).sort((a, b) => a - b) }))
      .sort((a, b) => a.purposeId - b.purposeId || a.restrictionType.localeCompare(b.restrictionType)),
  });
}
const out = new URL('../resources/signals/tc-strings.json', import.meta.url);
writeFileSync(out, `{"library": "@iabtcf/core 1.5.6", "cases": [\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`);
console.log(`${cases.length} TC strings written to ${out.pathname}`);
