import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, parseTrustProxy } from './config.ts';

test('TRUST_PROXY: nothing by default, a hop count, or addresses and ranges', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  for (const off of ['0', 'false', 'FALSE', '']) assert.equal(parseTrustProxy(off), false, off);
  assert.deepEqual(parseTrustProxy('1'), { hops: 1 });
  assert.deepEqual(parseTrustProxy('2'), { hops: 2 });
  assert.deepEqual(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback'), { addresses: ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback'] });
  assert.deepEqual(loadConfig({ TRUST_PROXY: '1' }).trustProxy, { hops: 1 });
});

test('TRUST_PROXY=true is refused, saying why and what to give instead', () => {
  assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), (err: Error) => {
    assert.match(err.message, /^Invalid environment: TRUST_PROXY: TRUST_PROXY=true would believe every X-Forwarded-For entry/);
    assert.match(err.message, /escape the sign-in limit/);
    assert.match(err.message, /TRUST_PROXY=1\b.*TRUST_PROXY=127\.0\.0\.1,10\.0\.0\.0\/8/);
    return true;
  });
});

test('TRUST_PROXY names each entry that is not an address or a range', () => {
  assert.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/8,proxy.example.org,10.0.0.0/33' }), /"proxy\.example\.org", "10\.0\.0\.0\/33" are not an IP address or CIDR range/);
  assert.throws(() => loadConfig({ TRUST_PROXY: '1.2.3' }), /"1\.2\.3" is not an IP address/);
  assert.throws(() => loadConfig({ TRUST_PROXY: '50' }), /50 is more proxies than any real set-up/);
});

test('SESSION_IDLE_MINUTES: 30 by default, whole minutes up to the 8 hours a session lasts', () => {
  assert.equal(loadConfig({}).sessionIdleMs, 30 * 60_000);
  assert.equal(loadConfig({ SESSION_IDLE_MINUTES: '15' }).sessionIdleMs, 15 * 60_000);
  assert.throws(() => loadConfig({ SESSION_IDLE_MINUTES: '0' }), /SESSION_IDLE_MINUTES/);
  assert.throws(() => loadConfig({ SESSION_IDLE_MINUTES: '600' }), /SESSION_IDLE_MINUTES/);
});

test('SMTP_URL: none by default (mail stays in the outbox), an smtp:// or smtps:// URL, empty is none; MAIL_FROM has a default', () => {
  assert.equal(loadConfig({}).smtpUrl, undefined);
  assert.equal(loadConfig({ SMTP_URL: '' }).smtpUrl, undefined);
  assert.equal(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465' }).smtpUrl, 'smtps://u:p@mail.example.org:465');
  assert.throws(() => loadConfig({ SMTP_URL: 'mail.example.org' }), /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
  assert.equal(loadConfig({}).mailFrom, 'GCM Review <gcm-review@localhost>');
  assert.equal(loadConfig({ MAIL_FROM: 'Review <review@example.org>' }).mailFrom, 'Review <review@example.org>');
});

test('PUBLIC_URL: none by default (links use the request’s address), an http(s) address, empty is none; INVITATION_DAYS 7 by default, 1-90', () => {
  assert.equal(loadConfig({}).publicUrl, undefined);
  assert.equal(loadConfig({ PUBLIC_URL: '' }).publicUrl, undefined);
  assert.equal(loadConfig({ PUBLIC_URL: 'https://review.example.org' }).publicUrl, 'https://review.example.org');
  assert.throws(() => loadConfig({ PUBLIC_URL: 'review.example.org' }), /PUBLIC_URL: must be an http:\/\/ or https:\/\/ address/);
  assert.equal(loadConfig({}).invitationDays, 7);
  assert.equal(loadConfig({ INVITATION_DAYS: '14' }).invitationDays, 14);
  assert.throws(() => loadConfig({ INVITATION_DAYS: '0' }), /INVITATION_DAYS/);
});
