// Makes the GPP strings the ledger's GPP decoding is checked against (GppStringsTest), with the IAB Tech Lab's
// reference library, and what that library decodes from each: ../resources/signals/gpp-strings.json.
//
//   npm install && node make-gpp-strings.mjs      (the output is committed; the test needs no Node.js)
import { writeFileSync } from 'node:fs';
import { range, seeded } from './seeded.mjs';
import { GppModel } from '@iabgpp/cmpapi';

const COUNT = 60;
const { random, int } = seeded(20261208);
const bits = (n, p) => range(1, n).map(() => random() < p);
const vendorIds = () => (random() < 0.5 ? range(1, int(5, 80)).filter(() => random() < 0.6)
  : range(1, int(1, 8)).map(() => int(1, 1200)).sort((a, b) => a - b).filter((v, i, a) => a.indexOf(v) === i));
const ids = (flags) => flags.flatMap((on, i) => (on ? [i + 1] : []));
const instant = (date) => date.toISOString().replace('.000Z', 'Z');

const USNAT_NUMBERS = ['SharingNotice', 'SaleOptOutNotice', 'SharingOptOutNotice', 'TargetedAdvertisingOptOutNotice',
  'SensitiveDataProcessingOptOutNotice', 'SensitiveDataLimitUseNotice', 'SaleOptOut', 'SharingOptOut',
  'TargetedAdvertisingOptOut', 'PersonalDataConsents', 'MspaCoveredTransaction', 'MspaOptOutOptionMode',
  'MspaServiceProviderMode'];

const cases = [];
for (let i = 0; i < COUNT; i++) {
  const model = new GppModel();
  const kind = i % 3; // tcfeuv2 alone, usnat alone, both
  if (kind !== 1) {
    model.setFieldValue('tcfeuv2', 'CmpId', int(2, 4000));
    model.setFieldValue('tcfeuv2', 'CmpVersion', int(1, 60));
    model.setFieldValue('tcfeuv2', 'ConsentScreen', int(0, 20));
    model.setFieldValue('tcfeuv2', 'ConsentLanguage', ['EN', 'FR', 'DE', 'IT'][int(0, 3)]);
    model.setFieldValue('tcfeuv2', 'VendorListVersion', int(1, 400));
    model.setFieldValue('tcfeuv2', 'PolicyVersion', int(4, 5));
    model.setFieldValue('tcfeuv2', 'PurposeConsents', bits(24, 0.4));
    model.setFieldValue('tcfeuv2', 'PurposeLegitimateInterests', [false, ...bits(23, 0.2)]);
    model.setFieldValue('tcfeuv2', 'SpecialFeatureOptins', bits(12, 0.3));
    model.setFieldValue('tcfeuv2', 'VendorConsents', vendorIds());
    model.setFieldValue('tcfeuv2', 'VendorLegitimateInterests', vendorIds());
    // Last: setting any other field stamps both dates with today, and setting one sets the other.
    model.setFieldValue('tcfeuv2', 'Created', new Date(Date.UTC(2024, 0, 1) + int(0, 900) * 86400000
      + int(0, 86399) * 1000));
  }
  if (kind !== 0) {
    for (const field of USNAT_NUMBERS.filter((f) => f !== 'MspaCoveredTransaction')) {
      model.setFieldValue('usnat', field, int(0, 2));
    }
    model.setFieldValue('usnat', 'MspaCoveredTransaction', int(1, 2));
    model.setFieldValue('usnat', 'SensitiveDataProcessing', range(1, 16).map(() => int(0, 2)));
    model.setFieldValue('usnat', 'KnownChildSensitiveDataConsents', range(1, 3).map(() => int(0, 2)));
    if (random() < 0.5) {
      model.setFieldValue('usnat', 'GpcSegmentIncluded', true);
      model.setFieldValue('usnat', 'Gpc', random() < 0.5);
    }
  }
  const gppString = model.encode();
  // What the reference library reads back from the string is what the ledger must read.
  const read = new GppModel(gppString);
  const entry = { gppString, sectionIds: read.getSectionIds() };
  if (read.hasSection('tcfeuv2')) {
    const field = (name) => read.getFieldValue('tcfeuv2', name);
    entry.tcfeuv2 = { created: instant(field('Created')), lastUpdated: instant(field('LastUpdated')),
      cmpId: field('CmpId'), cmpVersion: field('CmpVersion'), consentScreen: field('ConsentScreen'),
      consentLanguage: field('ConsentLanguage'), vendorListVersion: field('VendorListVersion'),
      policyVersion: field('PolicyVersion'), purposeConsents: ids(field('PurposeConsents')),
      purposeLegitimateInterests: ids(field('PurposeLegitimateInterests')),
      specialFeatureOptIns: ids(field('SpecialFeatureOptins')),
      vendorConsents: [...field('VendorConsents')].sort((a, b) => a - b),
      vendorLegitimateInterests: [...field('VendorLegitimateInterests')].sort((a, b) => a - b),
      publisherRestrictions: [] };
  }
  if (read.hasSection('usnat')) {
    const field = (name) => read.getFieldValue('usnat', name);
    entry.usnat = { version: field('Version'), sensitiveDataProcessing: field('SensitiveDataProcessing'),
      knownChildSensitiveDataConsents: field('KnownChildSensitiveDataConsents'),
      gpc: field('GpcSegmentIncluded') ? field('Gpc') : null };
    for (const name of USNAT_NUMBERS) entry.usnat[name[0].toLowerCase() + name.slice(1)] = field(name);
  }
  cases.push(entry);
}
const out = new URL('../resources/signals/gpp-strings.json', import.meta.url);
writeFileSync(out, `{"library": "@iabgpp/cmpapi 3.2.0", "cases": [\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`);
console.log(`${cases.length} GPP strings written to ${out.pathname}`);
