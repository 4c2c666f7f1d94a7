import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identifiersConflict, linkBetween, linkHolds, type PersonKeys, signedIn } from './same-person';

const hash = fc.option(fc.constantFrom('h1', 'h2', 'h3'), { nil: null });
const person: fc.Arbitrary<PersonKeys> = fc.record({
  id: fc.constantFrom('p1', 'p2', 'p3'),
  phone_hash: hash,
  contact_phone_hash: hash,
  wechat_openid: fc.option(fc.constant('openid'), { nil: null }),
  id_number_hash: hash,
});
/** A record a desk made: it never signed in. */
const registered = person.map((p) => ({ ...p, phone_hash: null, wechat_openid: null }));

/** Who may be said to be one person, for every pair of records (audit 36, D6). */
describe('linkBetween', () => {
  it('answers the same whichever record the link is made from', () => {
    fc.assert(
      fc.property(person, person, (a, b) => {
        expect(linkBetween(a, b)).toBe(linkBetween(b, a));
      }),
    );
  });

  it('never joins two records with different ID numbers, whatever is written', () => {
    fc.assert(
      fc.property(person, person, (a, b) => {
        fc.pre(a.id !== b.id && a.id_number_hash !== null && b.id_number_hash !== null);
        fc.pre(a.id_number_hash !== b.id_number_hash);
        const between = linkBetween(a, b);
        expect(['conflict', 'two_accounts']).toContain(between);
        expect(linkHolds(between, '本人说是')).toBe(false);
      }),
    );
  });

  it('never links a signed-in account to another record on a clerk’s word alone', () => {
    fc.assert(
      fc.property(person, person, fc.option(fc.string(), { nil: null }), (a, b, reason) => {
        fc.pre(a.id !== b.id && (signedIn(a) || signedIn(b)));
        const between = linkBetween(a, b);
        expect(['conflict', 'two_accounts', 'ask_account']).toContain(between);
        expect(linkHolds(between, reason)).toBe(false);
      }),
    );
  });

  it('joins two desk records only with a reason, unless their ID numbers differ', () => {
    fc.assert(
      fc.property(registered, registered, (a, b) => {
        fc.pre(a.id !== b.id);
        const between = linkBetween(a, b);
        expect(between).toBe(identifiersConflict(a, b) ? 'conflict' : 'registered');
        expect(linkHolds(between, null)).toBe(false);
      }),
    );
  });

  it('takes one record as one person', () => {
    fc.assert(
      fc.property(person, (a) => {
        expect(linkBetween(a, a)).toBe('same');
        expect(linkHolds('same', null)).toBe(true);
      }),
    );
  });
});
