// Runs every reference case through the WebAssembly binding, following the
// cases' FACTS.md rules as the Rust harness (kmcore/tests/reference_cases.rs)
// does, with the same counts: confirmed cases must pass; uncertain cases run
// too and are counted apart.
//
// The directory is ../shared/reference/cases beside the project root, or the
// one named by KMCORE_CASES_DIR. KMCORE_CASES_NEXT=1 adds its next/ folder
// (cases for behaviours being added: undetermined outcomes, come-back dates).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { evaluate, service as serviceInfo, parseCnic, parseMobile, parsePlate, KmError } from '../index.js';

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = process.env.KMCORE_CASES_DIR ?? join(here, '../../../../shared/reference/cases');
// next/ is part of the case set; KMCORE_CASES_NEXT=0 leaves it out.
const withNext = !['0', 'false', 'no'].includes((process.env.KMCORE_CASES_NEXT ?? '1').toLowerCase());

const CASE_KEYS = ['id', 'service', 'jurisdiction', 'as_of', 'facts', 'expect', 'basis', 'source', 'note'];
const EXPECT_KEYS = ['eligible', 'fee_pkr', 'deadline', 'gender', 'normalized', 'eligible_from'];

// The services of the cases' vocabulary (FACTS.md §4).
const VOCABULARY = [
  'driving_licence.learner_permit', 'driving_licence.test_booking', 'driving_licence.retest',
  'driving_licence.permanent', 'driving_licence.renewal', 'driving_licence.duplicate',
  'driving_licence.international_permit', 'driving_licence.juvenile_motorcycle_permit',
  'character_certificate.issue', 'character_certificate.validity', 'police_verification.general',
  'tenant_registration.register', 'tenant_registration.deadline', 'guest_registration.deadline',
  'employee_registration.verify', 'arms_licence.new', 'arms_licence.renewal', 'arms_licence.duplicate',
  'lost_report.file', 'vehicle_verification.verify', 'foreigner_registration.register',
  'identifier.cnic', 'identifier.mobile', 'identifier.vehicle_registration',
];

// The facts dictionary of the cases (FACTS.md §5).
const DICTIONARY = [
  'date_of_birth', 'category', 'has_valid_cnic', 'learner_issued_on', 'passed_sign_test',
  'passed_road_test', 'licence_held_since', 'licence_term_years', 'urgent',
  'has_medical_fitness_certificate', 'failed_test', 'failed_test_on', 'expires_on',
  'has_valid_national_licence', 'has_valid_visa', 'engine_cc', 'parental_consent', 'has_passport',
  'has_affidavit', 'applicant_abroad', 'applied_by', 'has_authority_letter', 'has_photograph',
  'has_local_address', 'has_residence_proof', 'purpose', 'issued_on', 'premises',
  'has_rent_agreement', 'possession_at', 'checked_in_at', 'reported_at', 'establishment',
  'worker_present', 'is_citizen', 'has_domicile', 'is_active_taxpayer', 'has_criminal_record',
  'is_fugitive', 'is_proscribed_member', 'is_infirm', 'vehicle_kind', 'plate_scheme', 'value',
];
const JURISDICTIONS = ['PB', 'ICT', 'SD', 'KP'];

/** Case files: *.json in the directory, and in next/ when asked for. */
export function caseFiles() {
  const dirs = [casesDir];
  if (withNext && existsSync(join(casesDir, 'next'))) dirs.push(join(casesDir, 'next'));
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f)),
  );
}

function fail(why) {
  throw new Error(why);
}

/** The facts of a case, checked against the dictionary and the service. */
function checkFacts(service, jurisdiction, facts) {
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) fail('`facts` is not an object');
  for (const key of Object.keys(facts)) {
    if (!DICTIONARY.includes(key)) fail(`fact \`${key}\` is not in the facts dictionary`);
  }
  if (service.startsWith('identifier.')) return;
  const info = serviceInfo(service);
  const required = info.requiredFacts[jurisdiction];
  for (const key of Object.keys(facts)) {
    if (!required.includes(key) && !info.optionalFacts.includes(key)) {
      fail(`fact \`${key}\` is not listed for ${service} in ${jurisdiction}`);
    }
  }
  for (const key of required) {
    if (!(key in facts)) fail(`required fact \`${key}\` is missing`);
  }
}

/** What the binding answers, in the cases' terms. */
function answer(service, jurisdiction, asOf, facts) {
  if (service.startsWith('identifier.')) {
    if (jurisdiction !== null) fail('identifier cases take a null jurisdiction');
    const allowed = service === 'identifier.vehicle_registration' ? ['value', 'plate_scheme', 'vehicle_kind'] : ['value'];
    const extra = Object.keys(facts).filter((k) => !allowed.includes(k));
    if (extra.length) fail(`facts ${extra} are not listed for ${service}`);
    if (typeof facts.value !== 'string') fail('required fact `value` is missing');
    let parsed = null;
    try {
      if (service === 'identifier.cnic') parsed = parseCnic(facts.value);
      else if (service === 'identifier.mobile') parsed = parseMobile(facts.value);
      else {
        if (facts.plate_scheme === undefined) fail('required fact `plate_scheme` is missing');
        if (facts.vehicle_kind === undefined) fail('required fact `vehicle_kind` is missing');
        parsed = parsePlate(facts.value, facts.plate_scheme, facts.vehicle_kind);
      }
    } catch (err) {
      if (!(err instanceof KmError)) throw err;
      // Only a value of the wrong shape is an answer ("not valid"); an
      // unknown scheme or kind is a broken case.
      if (['identifier.plate.scheme', 'identifier.vehicle_kind'].includes(err.code)) throw err;
    }
    return {
      outcome: parsed ? 'eligible' : 'refused',
      feePkr: null,
      deadline: null,
      eligibleFrom: null,
      gender: parsed?.gender ?? null,
      normalized: parsed?.normalized ?? null,
    };
  }
  if (jurisdiction === null) fail('jurisdiction is null for a service case');
  const d = evaluate({ service, jurisdiction, asOf, facts });
  let feePkr = null;
  if (d.feeDuePaisa !== null) {
    if (d.feeDuePaisa % 100 !== 0) fail('fee is not whole rupees');
    feePkr = d.feeDuePaisa / 100;
  }
  return { outcome: d.outcome, feePkr, deadline: d.deadline, eligibleFrom: d.eligibleFrom, gender: null, normalized: null };
}

/** The offset at the end of an RFC 3339 instant (`+05:00`, `Z` as `+00:00`). */
function offsetOf(instant) {
  const m = /(Z|[+-]\d\d:\d\d)$/.exec(instant);
  return m ? (m[1] === 'Z' ? '+00:00' : m[1]) : null;
}

/** Runs one case; returns null when it agrees, or why it does not. */
export function runCase(c) {
  try {
    if (typeof c !== 'object' || c === null) fail('case is not an object');
    for (const key of Object.keys(c)) if (!CASE_KEYS.includes(key)) fail(`unknown case key \`${key}\``);
    const expect = c.expect;
    if (typeof expect !== 'object' || expect === null) fail('`expect` missing');
    for (const key of Object.keys(expect)) if (!EXPECT_KEYS.includes(key)) fail(`unknown expect key \`${key}\``);
    if (!VOCABULARY.includes(c.service)) fail(`unknown service \`${c.service}\``);
    if (!('jurisdiction' in c)) fail('`jurisdiction` missing');
    if (c.jurisdiction !== null && !JURISDICTIONS.includes(c.jurisdiction)) fail(`unknown jurisdiction \`${c.jurisdiction}\``);
    if (typeof c.as_of !== 'string') fail('`as_of` missing');
    if (!('facts' in c)) fail('`facts` missing');
    checkFacts(c.service, c.jurisdiction, c.facts);

    const got = answer(c.service, c.jurisdiction, c.as_of, c.facts);
    const wrong = [];
    if (!('eligible' in expect)) fail('`expect.eligible` missing');
    const want = expect.eligible === null ? 'undetermined' : expect.eligible ? 'eligible' : 'refused';
    if (expect.eligible !== null && typeof expect.eligible !== 'boolean') fail('`expect.eligible` is not a boolean or null');
    if (got.outcome !== want) wrong.push(`outcome: got ${got.outcome}, want ${want}`);
    if (!('fee_pkr' in expect)) fail('`expect.fee_pkr` missing');
    if (expect.fee_pkr !== null && !Number.isInteger(expect.fee_pkr)) fail('`expect.fee_pkr` is not an integer');
    if (got.feePkr !== expect.fee_pkr) wrong.push(`fee_pkr: got ${got.feePkr}, want ${expect.fee_pkr}`);
    if ('deadline' in expect) {
      const w = expect.deadline;
      if (typeof w !== 'string') fail('`expect.deadline` is not a string');
      const d = got.deadline;
      const same =
        w.length === 10
          ? d?.kind === 'date' && d.date === w
          : d?.kind === 'instant' && Date.parse(d.at) === Date.parse(w) && offsetOf(d.at) === offsetOf(w);
      if (!same) wrong.push(`deadline: got ${JSON.stringify(d)}, want ${w}`);
    }
    if ('eligible_from' in expect && got.eligibleFrom !== expect.eligible_from) {
      wrong.push(`eligible_from: got ${got.eligibleFrom}, want ${expect.eligible_from}`);
    }
    for (const [key, value] of [['gender', got.gender], ['normalized', got.normalized]]) {
      if (key in expect && value !== expect[key]) wrong.push(`${key}: got ${value}, want ${expect[key]}`);
    }
    return wrong.length ? wrong.join('; ') : null;
  } catch (err) {
    return err instanceof KmError ? `${err.code}: ${err.message}` : err.message;
  }
}

test('every reference case', () => {
  const files = caseFiles();
  assert.ok(files.length > 0, `no case files in ${casesDir}`);
  const ids = new Set();
  let passed = 0, failed = 0, uncertainPassed = 0, uncertainFailed = 0;
  const failures = [];
  for (const file of files) {
    const cases = JSON.parse(readFileSync(file, 'utf8'));
    assert.ok(Array.isArray(cases), `${file}: not a JSON array of cases`);
    for (const c of cases) {
      const id = typeof c?.id === 'string' ? c.id : '?';
      const basis = c?.basis;
      let why = runCase(c);
      if (ids.has(id)) why = 'duplicate id';
      ids.add(id);
      if (basis !== 'confirmed' && basis !== 'uncertain') why = `unknown basis \`${basis}\``;
      if (basis === 'uncertain') {
        if (why === null) uncertainPassed += 1;
        else {
          uncertainFailed += 1;
          console.log(`uncertain case differs: ${id}: ${why}`);
        }
      } else if (why === null) passed += 1;
      else {
        failed += 1;
        failures.push(`${id}: ${why}`);
      }
    }
  }
  for (const f of failures) console.log(`FAILED ${f}`);
  console.log(
    `reference cases: ${passed} passed, ${failed} failed (uncertain: ${uncertainPassed} agree, ${uncertainFailed} differ)`,
  );
  assert.deepEqual(failures, [], `${failures.length} confirmed case(s) failed`);
  assert.ok(passed > 0);
});

test('a case that disagrees is reported, not passed', () => {
  const c = {
    id: 'self-check', service: 'driving_licence.learner_permit', jurisdiction: 'PB', as_of: '2026-03-01',
    facts: { category: 'motorcycle', date_of_birth: '2008-02-29', has_valid_cnic: true },
    expect: { eligible: true, fee_pkr: 500 }, basis: 'confirmed', source: 'x', note: 'x',
  };
  assert.equal(runCase(c), null);
  assert.match(runCase({ ...c, expect: { eligible: true, fee_pkr: 501 } }), /fee_pkr: got 500, want 501/);
  assert.match(runCase({ ...c, expect: { eligible: null, fee_pkr: 500 } }), /outcome: got eligible, want undetermined/);
  assert.match(runCase({ ...c, facts: { ...c.facts, colour: 'red' } }), /not in the facts dictionary/);
  assert.match(runCase({ ...c, facts: { category: 'motorcycle' } }), /required fact `date_of_birth` is missing/);
  assert.match(runCase({ ...c, service: 'driving_licence.flying' }), /unknown service/);
  assert.match(runCase({ ...c, expect: { ...c.expect, colour: 1 } }), /unknown expect key/);
});
