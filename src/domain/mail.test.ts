import assert from 'node:assert/strict';
import { it } from 'node:test';
import { mailCatalogue, mailKinds, mailLanguageFor, renderMessage } from './mail.ts';

const invitation = {
  recipientName: 'Ana <Lima>',
  cycleTitle: 'Arvenia & friends review',
  stateName: 'Arvenia',
  deadline: '2027-03-01',
  link: 'https://review.example.test/cycles/1?a=1&b=2',
};

it('writes a message in the recipient\'s language, in plain text and escaped HTML', () => {
  const m = renderMessage({ kind: 'invitation', to: 'focal@arvenia.example', cc: ['a@x.example', ' '], language: 'fr-CA', values: invitation, related: { type: 'cycle', id: 'c1' } });
  assert.equal(m.language, 'fr');
  assert.equal(m.subject, 'Invitation : Arvenia & friends review');
  assert.deepEqual(m.to, ['focal@arvenia.example']);
  assert.deepEqual(m.cc, ['a@x.example']);
  assert.match(m.text, /Arvenia est invité à participer à Arvenia & friends review/);
  assert.match(m.text, /Madame, Monsieur Ana <Lima>,/);
  assert.match(m.html, /<html lang="fr">/);
  assert.match(m.html, /Ana &lt;Lima&gt;/);
  assert.match(m.html, /Arvenia &amp; friends review/);
  assert.match(m.html, /<a href="https:\/\/review\.example\.test\/cycles\/1\?a=1&amp;b=2">/);
  assert.doesNotMatch(m.html, /<Lima>/);
  assert.deepEqual(m.related, { type: 'cycle', id: 'c1' });
});

it('falls back to English for a language the catalogue has not got', () => {
  assert.equal(mailLanguageFor('reminder', 'xx'), 'en');
  assert.equal(mailLanguageFor('reminder', null), 'en');
  const m = renderMessage({ kind: 'reminder', to: 'a@x.example', language: 'de', values: invitation });
  assert.equal(m.language, 'en');
  assert.equal(m.subject, 'Reminder: Arvenia & friends review is due on 2027-03-01');
});

it('keeps a subject on one line and refuses a missing value', () => {
  const m = renderMessage({ kind: 'invitation', to: 'a@x.example', values: { ...invitation, cycleTitle: 'Review\r\nBcc: b@x.example' } });
  assert.equal(m.subject, 'Invitation: Review Bcc: b@x.example');
  const bad = renderMessage.bind(null, { kind: 'reminder', to: 'a@x.example', values: { recipientName: 'A' } as never });
  assert.throws(bad, /needs a value for \{(cycleTitle|stateName|deadline|link)\}/);
});

it('has every kind in English and French', () => {
  for (const kind of mailKinds) {
    assert.ok(mailCatalogue[kind].en && mailCatalogue[kind].fr, kind);
  }
});
