// The eligibility checker: builds the form from the service's facts, asks
// kmcore (WebAssembly, in the browser) for the decision and the documents,
// and shows them in English or Urdu.
import * as km from 'kmcore';
import { UI, FACTS } from './labels.js';

const $ = (id) => document.getElementById(id);
const state = { lang: 'en' };

const services = km.services();
const jurisdictions = km.jurisdictions();

/** An element with attributes and children (strings become text). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** A number, date or amount that keeps its left-to-right order in Urdu. */
const ltr = (text) => el('bdi', { dir: 'ltr' }, text);

const t = (key) => UI[state.lang][key];
const ur = () => state.lang === 'ur';

function fillSelect(select, options, keep) {
  const previous = keep ? select.value : null;
  select.replaceChildren(...options.map(([value, label]) => el('option', { value }, label)));
  if (previous && options.some(([v]) => v === previous)) select.value = previous;
}

function renderChrome() {
  document.documentElement.lang = state.lang;
  document.documentElement.dir = ur() ? 'rtl' : 'ltr';
  document.title = t('title');
  $('title').textContent = t('title');
  $('intro').textContent = t('intro');
  $('language-label').textContent = t('language');
  $('service-label').textContent = t('service');
  $('jurisdiction-label').textContent = t('jurisdiction');
  $('as-of-label').textContent = t('asOf');
  $('check').textContent = t('check');
  fillSelect($('service'), services.map((s) => [s.id, ur() ? s.titleUr : s.title]), true);
  renderJurisdictions();
}

function currentService() {
  return services.find((s) => s.id === $('service').value) ?? services[0];
}

function renderJurisdictions() {
  const offered = currentService().offeredIn;
  const list = jurisdictions.filter((j) => offered.includes(j.code));
  fillSelect($('jurisdiction'), list.map((j) => [j.code, ur() ? j.nameUr : j.name]), true);
  renderFacts();
}

/** The form: one field per fact the service needs (and those it may take). */
function renderFacts() {
  const box = $('facts');
  const previous = readFacts(false);
  const fields = km.form($('service').value, $('jurisdiction').value);
  box.replaceChildren(
    ...fields.map((f) => {
      const id = `fact-${f.key}`;
      const [en, urdu] = FACTS[f.key] ?? [f.key, f.key];
      const label = el('label', { for: id }, ur() ? urdu : en, f.required ? null : el('span', { class: 'hint' }, ` (${t('optional')})`));
      let input;
      if (f.type === 'bool' && f.required) {
        input = el('input', { type: 'checkbox', id, name: f.key, dataset: { type: f.type } });
        input.checked = previous[f.key] === true;
      } else if (f.type === 'bool' || f.type === 'choice') {
        const options = f.type === 'bool'
          ? [['', t('notSaid')], ['true', t('yes')], ['false', t('no')]]
          : [...(f.required ? [] : [['', t('notSaid')]]), ...f.allowed.map((c) => [c.value, ur() ? c.labelUr : c.label])];
        input = el('select', { id, name: f.key, dataset: { type: f.type } });
        fillSelect(input, options, false);
        if (previous[f.key] !== undefined) input.value = String(previous[f.key]);
      } else {
        const type = { date: 'date', instant: 'datetime-local', integer: 'number' }[f.type] ?? 'text';
        input = el('input', { type, id, name: f.key, dataset: { type: f.type }, step: f.type === 'integer' ? '1' : null, dir: 'ltr' });
        const before = previous[f.key];
        if (before !== undefined) input.value = f.type === 'instant' ? String(before).slice(0, 16) : String(before);
      }
      return el('div', { class: 'field' }, label, input);
    }),
  );
}

/** The facts as kmcore takes them; empty optional fields are left out. */
function readFacts(strict = true) {
  const facts = {};
  for (const input of $('facts').querySelectorAll('[name]')) {
    const type = input.dataset.type;
    if (input.type === 'checkbox') {
      facts[input.name] = input.checked;
      continue;
    }
    const raw = input.value.trim();
    if (raw === '') continue;
    if (type === 'bool') facts[input.name] = raw === 'true';
    else if (type === 'integer') facts[input.name] = strict ? Number(raw) : raw;
    // A datetime-local field has no offset: the time is Pakistan time.
    else if (type === 'instant') facts[input.name] = raw.length === 16 ? `${raw}:00+05:00` : `${raw}+05:00`;
    else facts[input.name] = raw;
  }
  return facts;
}

function request() {
  const facts = readFacts();
  // Deadline checks are asked at the moment of the report.
  const asOf = facts.reported_at ?? $('as-of').value;
  return { service: $('service').value, jurisdiction: $('jurisdiction').value, asOf, facts };
}

function feeLine(d) {
  if (d.feeDueText !== null) return [el('span', { class: 'amount', id: 'fee' }, ltr(d.feeDueText))];
  const status = d.quote.status;
  const text = status === 'not_known' ? t('feeNotKnown') : status === 'not_charged' ? t('feeNotCharged') : t('feeRefused');
  return [el('span', { id: 'fee' }, text)];
}

function documentsList(req) {
  const items = km.documents(req);
  if (items.length === 0) return null;
  return [
    el('h2', {}, t('documents')),
    el('ul', { id: 'documents' }, ...items.map((doc) => {
      const status = doc.missing ? t('missing') : doc.required === true ? t('required') : doc.required === null ? t('ifApplies') : t('notNeeded');
      return el('li', { class: doc.missing ? 'missing' : '', dataset: { id: doc.id } },
        ur() ? doc.nameUr : doc.name, el('span', { class: 'tag' }, status));
    })),
  ];
}

function showDecision() {
  const box = $('result');
  box.hidden = false;
  let req;
  let d;
  try {
    req = request();
    d = km.evaluate(req);
  } catch (err) {
    if (!(err instanceof km.KmError)) throw err;
    box.dataset.outcome = 'error';
    box.replaceChildren(
      el('p', { id: 'outcome' }, t('error')),
      el('p', { id: 'error', dataset: { code: err.code } }, err.message, ' ', el('code', {}, ltr(err.code))),
    );
    return;
  }
  box.dataset.outcome = d.outcome;
  const checks = [...d.checks].sort((a, b) => Number(a.passed) - Number(b.passed));
  const parts = [
    el('p', { id: 'outcome' }, t(d.outcome)),
    d.eligibleFrom ? el('p', { id: 'come-back' }, `${t('comeBack')}: `, ltr(d.eligibleFrom)) : null,
    d.deadline ? el('p', { id: 'deadline' }, `${t('deadline')}: `, ltr(d.deadline.kind === 'date' ? d.deadline.date : d.deadline.at.replace('T', ' ').slice(0, 16))) : null,
    el('p', {}, `${t('fee')}: `, ...feeLine(d)),
    el('h2', {}, t('reasons')),
    el('ul', { id: 'reasons' }, ...checks.map((c) =>
      el('li', { class: c.passed ? 'passed' : 'failed', dataset: { code: c.code } },
        ur() ? c.messageUr : c.messageEn,
        el('span', { class: 'tag' }, c.passed ? t('passed') : t('failed'))))),
    ...(documentsList(req) ?? []),
    el('p', { class: 'meta' }, `${t('bundle')}: `, ltr(d.bundleVersion)),
  ];
  box.replaceChildren(...parts.filter((p) => p !== null));
}

$('lang').addEventListener('change', () => {
  state.lang = $('lang').value;
  renderChrome();
  if (!$('result').hidden) showDecision();
});
$('service').addEventListener('change', () => {
  $('result').hidden = true;
  renderJurisdictions();
});
$('jurisdiction').addEventListener('change', () => {
  $('result').hidden = true;
  renderFacts();
});
$('checker').addEventListener('submit', (event) => {
  event.preventDefault();
  showDecision();
});

// Today's date, as the default date of application (the library itself
// never reads the clock: the date is passed in).
const today = new Date();
$('as-of').value = new Date(today.getTime() - today.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
renderChrome();
document.body.dataset.ready = 'true';
