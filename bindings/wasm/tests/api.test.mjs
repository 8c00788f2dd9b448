// The JS API: listings, the form of a service, decisions in both
// languages, documents, workflows, identifiers and money.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as km from '../index.js';

const LRI = '\u2066';
const PDI = '\u2069';

test('services and jurisdictions are listed with English and Urdu names', () => {
  const services = km.services();
  assert.ok(services.length >= 24);
  const learner = services.find((s) => s.id === 'driving_licence.learner_permit');
  assert.equal(learner.family, 'driving_licence');
  assert.equal(learner.kind, 'application');
  assert.ok(learner.titleUr.length > 0 && learner.titleUr !== learner.title);
  assert.deepEqual(learner.requiredFacts.PB, ['category', 'date_of_birth', 'has_valid_cnic']);
  assert.deepEqual(Object.keys(learner.requiredFacts).sort(), ['ICT', 'KP', 'PB', 'SD']);
  assert.deepEqual(km.service('driving_licence.learner_permit'), learner);
  assert.deepEqual(km.jurisdictions().map((j) => j.code), ['PB', 'ICT', 'SD', 'KP']);
  assert.ok(km.jurisdictions().every((j) => j.nameUr.length > 0));
  assert.ok(km.bundleVersion().length > 0);
});

test('the form of a service lists its facts with types and allowed values', () => {
  const fields = km.form('driving_licence.learner_permit', 'PB');
  assert.deepEqual(fields.map((f) => [f.key, f.type, f.required]), [
    ['category', 'choice', true],
    ['date_of_birth', 'date', true],
    ['has_valid_cnic', 'bool', true],
  ]);
  const category = fields[0];
  assert.deepEqual(category.allowed.map((c) => c.value), ['motorcycle', 'motor_car', 'motor_car_and_motorcycle', 'ltv', 'htv', 'psv', 'tractor_agricultural', 'tractor_commercial', 'rickshaw']);
  assert.equal(category.allowed[0].label, 'motorcycle');
  assert.notEqual(category.allowed[0].labelUr, 'motorcycle');
  // Some facts matter only in some cases: ICT's HTV and PSV licences.
  const ict = km.form('driving_licence.permanent', 'ICT');
  assert.ok(ict.some((f) => f.key === 'urgent' && f.required));
  assert.ok(ict.some((f) => f.key === 'licence_held_since' && !f.required && f.type === 'date'));
  // The dictionary has every key once, and every choice lists its values.
  const dictionary = km.factDictionary();
  assert.equal(new Set(dictionary.map((f) => f.key)).size, dictionary.length);
  assert.ok(dictionary.every((f) => (f.type === 'choice') === f.allowed.length > 0));
  assert.equal(dictionary.find((f) => f.key === 'reported_at').type, 'instant');
});

test('an eligible decision: outcome, checks in both languages, the fee in paisa and text', () => {
  const d = km.evaluate({
    service: 'driving_licence.learner_permit',
    jurisdiction: 'PB',
    asOf: '2026-03-01',
    facts: { category: 'motorcycle', date_of_birth: '2008-02-29', has_valid_cnic: true },
  });
  assert.equal(d.outcome, 'eligible');
  assert.equal(d.eligible, true);
  assert.equal(d.eligibleFrom, null);
  assert.equal(d.asOf, '2026-03-01');
  assert.equal(d.date, '2026-03-01');
  assert.equal(d.feeDuePaisa, 50_000);
  assert.equal(d.feeDueText, 'Rs 500');
  assert.equal(d.quote.status, 'known');
  assert.equal(d.quote.lines[0].kind, 'base');
  assert.equal(d.quote.lines[0].rule.unit, 'rupees');
  assert.deepEqual(d.failed, []);
  const age = d.checks.find((c) => c.code === 'age.minimum');
  assert.ok(age.passed);
  assert.ok(age.params.some((p) => p.kind === 'years' && p.number === 18));
  // Urdu keeps numbers left to right inside isolates.
  assert.ok(age.messageUr.includes(LRI) && age.messageUr.includes(PDI), age.messageUr);
  assert.ok(!age.messageEn.includes(LRI));
});

test('a refusal names the failed rule and charges nothing', () => {
  const d = km.evaluate({
    service: 'driving_licence.learner_permit',
    jurisdiction: 'PB',
    asOf: '2026-02-28',
    facts: { category: 'motorcycle', date_of_birth: '2008-02-29', has_valid_cnic: true },
  });
  assert.equal(d.outcome, 'refused');
  assert.equal(d.eligible, false);
  assert.deepEqual(d.failed, ['age.minimum']);
  assert.equal(d.feeDuePaisa, null);
  assert.equal(d.feeDueText, null);
  // The quote is still computed.
  assert.equal(d.quote.totalPaisa, 50_000);
});

test('deadline checks take an instant and return the last moment', () => {
  const d = km.evaluate({
    service: 'guest_registration.deadline',
    jurisdiction: 'PB',
    asOf: '2025-05-01T18:45:00+05:00',
    facts: { establishment: 'hotel', checked_in_at: '2025-05-01T16:00:00+05:00', reported_at: '2025-05-01T18:45:00+05:00' },
  });
  assert.equal(d.outcome, 'eligible');
  assert.deepEqual(d.deadline, { kind: 'instant', at: '2025-05-01T19:00:00+05:00' });
  assert.equal(d.quote.status, 'not_charged');
});

test('a service whose availability is not known is a failed check, not an error', () => {
  // No source says whether KP's centres issue duplicate arms licences.
  const d = km.evaluate({ service: 'arms_licence.duplicate', jurisdiction: 'KP', asOf: '2025-05-01', facts: {} });
  assert.notEqual(d.outcome, 'eligible');
  assert.deepEqual(d.failed, ['rule.not_known']);
});

test('documents to bring follow the facts given so far', () => {
  const request = { service: 'character_certificate.issue', jurisdiction: 'PB', asOf: '2025-01-01' };
  const none = km.documents({ ...request, facts: {} });
  const letter = () => km.documents({ ...request, facts: { applicant_abroad: true, has_authority_letter: false } }).find((d) => d.id === 'authority_letter');
  assert.equal(none.find((d) => d.id === 'authority_letter').required, null);
  assert.equal(letter().required, true);
  assert.equal(letter().missing, true);
  assert.ok(letter().nameUr.length > 0);
  assert.equal(none.find((d) => d.id === 'cnic').required, true);
});

test('workflows list states, events and next steps; checks have none', () => {
  const wf = km.workflow('driving_licence.learner_permit');
  assert.equal(wf.initial, 'draft');
  const draft = wf.states.find((s) => s.name === 'draft');
  assert.ok(draft.next.includes('submit'));
  assert.ok(wf.transitions.some((t) => t.from === 'draft' && t.event === 'submit'));
  assert.ok(wf.events.some((e) => e.guard.kind === 'eligibility'));
  assert.ok(wf.mermaid.startsWith('stateDiagram-v2'));
  assert.equal(km.workflow('driving_licence.test_booking'), null);
});

test('identifiers, terms and money', () => {
  const cnic = km.parseCnic('3520212345671');
  assert.equal(cnic.normalized, '35202-1234567-1');
  assert.equal(cnic.gender, 'male');
  assert.ok(!cnic.redacted.includes('1234567'));
  assert.equal(km.parseMobile('0300-1234567').normalized, '+923001234567');
  assert.equal(km.parsePlate('lea-1234', 'pb_universal_2017', 'motorcycle').normalized, 'LEA-1234');
  assert.equal(km.term('affidavit', 'en'), 'affidavit');
  assert.notEqual(km.term('affidavit', 'ur'), 'affidavit');
  assert.equal(km.formatMoney(183_050), 'Rs 1,830.50');
  assert.equal(km.formatMoney(0), 'Rs 0');
});
