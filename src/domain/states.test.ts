import { test } from 'node:test';
import assert from 'node:assert/strict';
import reference from './data/gcm-reference.json' with { type: 'json' };
import { unMemberStates } from './data/states.ts';
import { stateByIso3, stateByName, regions, states } from './reference.ts';

test('the UN has 193 Member States, each with a distinct ISO 3166-1 alpha-3 code and name', () => {
  assert.equal(unMemberStates.length, 193);
  for (const s of unMemberStates) assert.match(s.iso3, /^[A-Z]{3}$/, `${s.name} has a malformed code`);
  assert.equal(new Set(unMemberStates.map((s) => s.iso3)).size, 193);
  assert.equal(new Set(unMemberStates.map((s) => s.name)).size, 193);
});

test('every ESCAP member is a UN Member State under the name ESCAP uses', () => {
  const byIso3 = new Map(unMemberStates.map((s) => [s.iso3, s]));
  for (const m of reference.escap.members) {
    const s = byIso3.get(m.iso3);
    assert.ok(s, `ESCAP member ${m.name} (${m.iso3}) is missing from the UN list`);
    assert.equal(s.name, m.name, `${m.iso3}: names differ`);
  }
  assert.equal(regions.escap.members.length, reference.escap.members.length + reference.escap.associateMembers.length);
});

test('no alias is shared by two States or shadows another State name', () => {
  const norm = (n: string) => n.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');
  const owner = new Map<string, string>();
  for (const s of unMemberStates) {
    for (const n of [s.name, ...(s.aliases ?? [])]) {
      const k = norm(n);
      assert.ok(!owner.has(k) || owner.get(k) === s.iso3, `"${n}" names both ${owner.get(k)} and ${s.iso3}`);
      owner.set(k, s.iso3);
    }
  }
});

test('States are found by the names documents use', () => {
  const cases: [string, string][] = [
    ['Viet Nam', 'VNM'],
    ['Vietnam', 'VNM'],
    ['Lao PDR', 'LAO'],
    ['Laos', 'LAO'],
    ["Lao People's Democratic Republic", 'LAO'],
    ['South Korea', 'KOR'],
    ['Turkey', 'TUR'],
    ['Türkiye', 'TUR'],
    ['Iran', 'IRN'],
    ['Cambodia', 'KHM'],
    ["Cote d'Ivoire", 'CIV'],
    ['Micronesia', 'FSM'],
  ];
  for (const [name, iso3] of cases) assert.equal(stateByName(name)?.iso3, iso3, name);
  assert.deepEqual(stateByIso3('khm')?.groups, ['escap']);
  assert.deepEqual(stateByIso3('BRA')?.groups, []);
});

test('States are in English alphabetical order (as localeCompare in English sorts them)', () => {
  const names = states.map((s) => s.name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en')));
  assert.ok(names.indexOf("Côte d'Ivoire") < names.indexOf('Croatia'), 'an accented letter sorts as its letter');
});
