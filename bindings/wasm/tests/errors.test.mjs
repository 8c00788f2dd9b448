// Bad input of every kind gives a KmError with a stable code, never a trap
// (a WebAssembly RuntimeError) or a plain Error.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as km from '../index.js';
import { KmError } from '../index.js';

const good = {
  service: 'driving_licence.learner_permit',
  jurisdiction: 'PB',
  asOf: '2026-03-01',
  facts: { category: 'motorcycle', date_of_birth: '2008-02-29', has_valid_cnic: true },
};

/** Asserts that `call` throws a KmError of the kind and code given. */
function throwsKm(call, code, kind = 'invalid_input') {
  let thrown;
  try {
    call();
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown instanceof KmError, `expected a KmError, got ${thrown?.constructor?.name}: ${thrown}`);
  assert.ok(thrown instanceof Error);
  assert.equal(thrown.name, 'KmError');
  assert.equal(thrown.kind, kind);
  assert.equal(thrown.code, code);
  assert.ok(thrown.message.length > 0);
  return thrown;
}

test('the good request is eligible (the errors below come from the changes alone)', () => {
  assert.equal(km.evaluate(good).outcome, 'eligible');
});

test('unknown service and jurisdiction', () => {
  const e = throwsKm(() => km.evaluate({ ...good, service: 'driving_licence.flying' }), 'service.unknown');
  assert.match(e.message, /driving_licence\.flying/);
  throwsKm(() => km.evaluate({ ...good, jurisdiction: 'GB' }), 'jurisdiction.unknown');
  throwsKm(() => km.service('nothing'), 'service.unknown');
  throwsKm(() => km.form('driving_licence.learner_permit', 'pb'), 'jurisdiction.unknown');
  throwsKm(() => km.workflow('x'), 'service.unknown');
});

test('bad dates and instants', () => {
  for (const asOf of ['2026-02-30', '01/03/2026', '', '2026-03-01T25:00:00+05:00', '2026-03-01T10:00:00']) {
    const e = throwsKm(() => km.evaluate({ ...good, asOf }), 'date.invalid');
    assert.ok(e.message.length > 0);
  }
  throwsKm(() => km.evaluate({ ...good, facts: { ...good.facts, date_of_birth: '2008-13-01' } }), 'date.invalid');
  throwsKm(() => km.evaluate({ ...good, facts: { ...good.facts, date_of_birth: '2008-02-29T00:00:00Z' } }), 'date.invalid');
});

test('facts: unknown name, wrong type, value outside the allowed set, missing', () => {
  const with_ = (facts) => () => km.evaluate({ ...good, facts: { ...good.facts, ...facts } });
  const e = throwsKm(with_({ shoe_size: 9 }), 'fact.unknown');
  assert.match(e.message, /shoe_size/);
  throwsKm(with_({ has_valid_cnic: 'yes' }), 'fact.type');
  throwsKm(with_({ date_of_birth: 20080229 }), 'fact.type');
  throwsKm(with_({ category: 7 }), 'fact.type');
  throwsKm(with_({ category: ['motorcycle'] }), 'fact.type');
  throwsKm(with_({ engine_cc: 70.5 }), 'fact.type');
  throwsKm(with_({ category: 'tank' }), 'fact.value');
  // A missing required fact is not an error: the decision is undetermined.
  const partial = km.evaluate({ ...good, facts: { category: 'motorcycle' } });
  assert.equal(partial.outcome, 'undetermined');
  assert.equal(partial.eligible, false);
  assert.ok(partial.missingFacts.includes('date_of_birth'));
  assert.ok(!partial.missingFacts.includes('category'));
  // null means "not given": here it leaves a required fact missing.
  assert.equal(with_({ has_valid_cnic: null })().outcome, 'undetermined');
});

test('requests of the wrong shape', () => {
  for (const request of [undefined, null, 42, 'learner', [], { ...good, asof: '2026-03-01' }, { service: good.service }]) {
    throwsKm(() => km.evaluate(request), 'input.shape');
  }
  throwsKm(() => km.evaluate({ ...good, facts: { engine_cc: 10n } }), 'input.shape');
  const cyclic = { ...good };
  cyclic.facts = { self: cyclic };
  throwsKm(() => km.evaluate(cyclic), 'input.shape');
  throwsKm(() => km.documents({ ...good, asOf: 20260301 }), 'input.shape');
});

test('arguments of the wrong type', () => {
  throwsKm(() => km.service(42), 'input.type');
  throwsKm(() => km.form(undefined, 'PB'), 'input.type');
  throwsKm(() => km.term({}, 'en'), 'input.type');
  throwsKm(() => km.term('cnic', 'fr'), 'lang.unknown');
  throwsKm(() => km.parseCnic(3520212345671), 'input.type');
  throwsKm(() => km.formatMoney('500'), 'input.type');
  throwsKm(() => km.formatMoney(1.5), 'input.type');
  throwsKm(() => km.formatMoney(2 ** 60), 'input.type');
});

test('identifiers of the wrong shape', () => {
  assert.match(km_code(() => km.parseCnic('35202-1234567')), /^identifier\./);
  assert.match(km_code(() => km.parseMobile('+9203001234567')), /^identifier\./);
  assert.equal(km_code(() => km.parsePlate('LEA-123', 'nowhere', 'car')), 'identifier.plate.scheme');
  assert.equal(km_code(() => km.parsePlate('LEA-123', 'sd_1996', 'bus')), 'identifier.vehicle_kind');
  assert.match(km_code(() => km.parsePlate('LOA-123', 'sd_1996', 'car')), /^identifier\.plate\./);
});

function km_code(call) {
  try {
    call();
  } catch (err) {
    assert.ok(err instanceof KmError);
    return err.code;
  }
  assert.fail('accepted');
}

test('after many errors the module still answers', () => {
  for (let i = 0; i < 200; i += 1) {
    assert.throws(() => km.evaluate({ ...good, facts: { shoe_size: i } }), KmError);
  }
  assert.equal(km.evaluate(good).feeDuePaisa, 50_000);
});

test('odd values in every field are answered or refused with KmError, never a trap', () => {
  const odd = [
    '', ' ', '٢٠٢٦-٠٣-٠١', '2026-03-01\u0000', '\ud800', '😀😀😀😀😀', '9999-12-31', '0000-01-01', '-2026-03-01',
    '2026-03-01T10:00:00+99:00', 'x'.repeat(10_000), -1, 0, 2 ** 53, -(2 ** 53), 1e308, Number.NaN,
    Number.POSITIVE_INFINITY, true, false, null, [], {}, [[]],
  ];
  const dictionary = km.factDictionary();
  let answered = 0;
  let refused = 0;
  for (const s of km.services()) {
    for (const j of s.offeredIn) {
      const base = { service: s.id, jurisdiction: j, asOf: '2026-03-01', facts: {} };
      for (const value of odd) {
        for (const request of [
          { ...base, asOf: value },
          ...s.requiredFacts[j].map((key) => ({ ...base, facts: { [key]: value } })),
        ]) {
          try {
            km.evaluate(request);
            km.documents(request);
            answered += 1;
          } catch (err) {
            assert.ok(err instanceof KmError, `${s.id} ${JSON.stringify(request).slice(0, 200)}: ${err}`);
            refused += 1;
          }
        }
      }
    }
  }
  for (const value of odd) {
    for (const call of [() => km.parseCnic(value), () => km.parseMobile(value), () => km.parsePlate(value, 'sd_1996', 'car'),
      () => km.service(value), () => km.form(value, value), () => km.term(value, 'ur'), () => km.formatMoney(value)]) {
      try {
        call();
      } catch (err) {
        assert.ok(err instanceof KmError, String(err));
      }
    }
  }
  assert.ok(dictionary.length > 0 && answered > 0 && refused > 0);
  // The module is still usable afterwards.
  assert.equal(km.evaluate(good).outcome, 'eligible');
});
