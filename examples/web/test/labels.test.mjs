// The page's own words: every fact of the dictionary has its question in
// English and Urdu, and both languages have the same interface strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { factDictionary } from '../../../bindings/wasm/index.js';
import { UI, FACTS } from '../labels.js';

test('every fact of the dictionary has a question in both languages', () => {
  const keys = factDictionary().map((f) => f.key);
  assert.deepEqual(keys.filter((k) => !(k in FACTS)), []);
  assert.deepEqual(Object.keys(FACTS).filter((k) => !keys.includes(k)), []);
  for (const [key, [en, ur]] of Object.entries(FACTS)) {
    assert.ok(en.length > 0 && /[\u0600-\u06FF]/.test(ur), key);
  }
});

test('English and Urdu have the same interface strings', () => {
  assert.deepEqual(Object.keys(UI.ur).sort(), Object.keys(UI.en).sort());
  for (const [key, text] of Object.entries(UI.ur)) {
    assert.match(text, /[\u0600-\u06FF]/, key);
  }
});
