import { test } from 'node:test';
import assert from 'node:assert/strict';
import { i18n } from '../i18n/index.ts';
import { cycleProgress, daysUntil, deadlineLabel, formatDate, formatDateTime, formatNumber, roleLabel } from './format.ts';

test('formatDate writes dates the UN way', () => {
  assert.equal(formatDate('2020-08-31'), '31 August 2020');
  assert.equal(formatDate('2021-01-05T10:00:00Z'), '5 January 2021');
  assert.equal(formatDate('not a date'), 'not a date');
});

test('deadlineLabel counts whole days, across month ends, and says when a deadline is past', () => {
  assert.equal(daysUntil('2020-09-01', '2020-08-31'), 1);
  assert.deepEqual(deadlineLabel('2020-08-31', '2020-08-19'), { text: '12 days left', overdue: false });
  assert.deepEqual(deadlineLabel('2020-08-31', '2020-08-31'), { text: 'due today', overdue: false });
  assert.deepEqual(deadlineLabel('2020-08-31', '2020-09-01'), { text: 'overdue by 1 day', overdue: true });
  assert.deepEqual(deadlineLabel('2020-03-01', '2020-02-28'), { text: '2 days left', overdue: false });
});

test('cycleProgress counts what was handed in as answered and keeps drafts apart', () => {
  assert.deepEqual(cycleProgress({ invitedCount: 10, progress: { draft: 3, submitted: 2, accepted: 1, returned: 1, 'not-started': 3 } }), {
    invited: 10,
    answered: 4,
    drafts: 3,
  });
  assert.deepEqual(cycleProgress({ invitedCount: 0, progress: {} }), { invited: 0, answered: 0, drafts: 0 });
});

test('in French, dates, numbers, deadlines and labels follow the language (Intl and the catalogue)', async (t) => {
  await i18n.changeLanguage('fr');
  t.after(() => i18n.changeLanguage('en'));
  assert.equal(formatDate('2020-08-31'), '31 août 2020');
  assert.equal(formatDate('2021-01-05T10:00:00Z'), '5 janvier 2021');
  assert.match(formatDateTime('2020-08-31T12:05:00'), /^31 août 2020 à 12:05$/);
  assert.equal(formatNumber(1234567).replace(/\s/g, ' '), '1 234 567');
  assert.deepEqual(deadlineLabel('2020-08-31', '2020-08-19'), { text: '12 jours restants', overdue: false });
  assert.deepEqual(deadlineLabel('2020-08-31', '2020-08-30'), { text: '1 jour restant', overdue: false });
  assert.deepEqual(deadlineLabel('2020-08-31', '2020-09-02'), { text: 'en retard de 2 jours', overdue: true });
  assert.equal(roleLabel('secretariat-analyst'), 'Analyste du secrétariat');
});

test('in English, a timestamp reads as date and 24-hour time', () => {
  assert.equal(formatDateTime('2020-08-31T14:05:00'), '31 August 2020, 14:05');
  assert.equal(formatNumber(1234567), '1,234,567');
});
