import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseActionType } from './action-specs';
import type { Action } from './actions';
import { allowedActions } from './allowed';
import {
  declineBasisRefusal,
  declineGuidanceRefusal,
  earlierCaseNumber,
  petitionNumbersIn,
} from './decline-basis';
import type { Petition } from './petition';
import { referralRefusal } from './referral';
import { register } from './register';
import type { PetitionState } from './states';
import { ACTORS, act, attempt, expectRefused, later, onlineParams, submitted, T0, UNITS } from './test-kit';
import type { UnitRef } from './units';
import type { DeclineGround, Role } from './vocabulary';

const day1 = later(T0, 1);

describe('Art 22 — triage by the receiving unit', () => {
  const cases: [CaseActionType, Action['params'], PetitionState][] = [
    ['forward', { recipientOrgan: '市纪委监委', reason: '反映党员干部问题' }, 'forwarded'],
    ['assign', { unit: UNITS.section1, reportBackBy: '2026-04-30' }, 'assigned'],
    ['refer', { leaderId: 'leader' }, 'referred'],
    ['divert', { route: 'arbitration', guidance: '劳动争议请向劳动人事争议仲裁委员会申请仲裁' }, 'diverted'],
    [
      'decline',
      { ground: 'not_a_petition_matter', reason: '不属于信访事项', guidance: '请向人民法院起诉' },
      'declined',
    ],
    ['accept', {}, 'handling'],
  ];
  it.each(cases)('%s → %s', (type, params, state) => {
    const p = act(submitted(), ACTORS.groupReception, type, params as never, day1);
    expect(p.state).toBe(state);
    expect(p.version).toBe(2);
  });

  it('assigns only below the receiving unit, never to itself, never with a past report-back date', () => {
    const p = submitted();
    const assign = (unit: typeof UNITS.group, reportBackBy = '2026-04-30') =>
      attempt(p, ACTORS.groupReception, 'assign', { unit, reportBackBy }, day1);
    expectRefused(assign(UNITS.group), 'triage.assign_to_self');
    expectRefused(assign(UNITS.section1, '2026-03-02'), 'triage.report_back_in_past');
    const mineReceived = { ...p, units: { ...p.units, receiving: UNITS.mine1 } };
    expectRefused(
      attempt(
        mineReceived,
        ACTORS.mineReception,
        'assign',
        { unit: UNITS.mine2, reportBackBy: '2026-04-30' },
        day1,
      ),
      'triage.assign_outside_subtree',
    );
  });

  it('a referred petition waits for the leader, whose instruction brings it back to triage', () => {
    const referred = act(submitted(), ACTORS.groupReception, 'refer', { leaderId: 'leader' }, day1);
    expectRefused(attempt(referred, ACTORS.groupReception, 'accept', {}, day1), 'state.not_allowed');
    expectRefused(
      attempt(referred, ACTORS.groupHead, 'instruct', { instruction: '请矿上核实' }, day1),
      'auth.not_referred_leader',
    );
    const instructed = act(
      referred,
      ACTORS.leader,
      'instruct',
      { instruction: '本人包案', takeOwnership: true },
      day1,
    );
    expect(instructed).toMatchObject({
      state: 'registered',
      referredLeaderId: null,
      responsibleLeaderId: 'leader',
    });
  });

  it('本人包案 on an instruction takes no case from another leader still in office (Art 18)', () => {
    const owned = { ...submitted(), responsibleLeaderId: 'head-g' };
    const referred = act(owned, ACTORS.groupReception, 'refer', { leaderId: 'leader' }, day1);
    const ownIt = { instruction: '本人包案', takeOwnership: true };
    expectRefused(attempt(referred, ACTORS.leader, 'instruct', ownIt, day1), 'ownership.taken');
    const instructed = act(referred, ACTORS.leader, 'instruct', { instruction: '请矿上核实' }, day1);
    expect(instructed.responsibleLeaderId).toBe('head-g');
    // The owner has left: the instructing leader takes the case on.
    const left = { ...referred, inactiveStaffIds: ['head-g'] };
    expect(act(left, ACTORS.leader, 'instruct', ownIt, day1).responsibleLeaderId).toBe('leader');
  });

  it('a referred case never waits on one leader: the office passes it on or routes it itself', () => {
    const referred = act(submitted(), ACTORS.groupReception, 'refer', { leaderId: 'leader' }, day1);
    const offered = allowedActions(referred, ACTORS.groupReception, day1).map((a) => a.type);
    expect(offered).toEqual(expect.arrayContaining(['refer', 'forward', 'assign']));
    expectRefused(
      attempt(referred, ACTORS.groupReception, 'refer', { leaderId: 'leader' }, day1),
      'referral.unchanged',
    );
    // Passed on: the first leader is no longer asked, and the step says whom it was taken from.
    const passed = act(referred, ACTORS.groupReception, 'refer', { leaderId: 'head-g' }, day1);
    expect(passed).toMatchObject({ state: 'referred', referredLeaderId: 'head-g' });
    expect(passed.events.at(-1)?.data).toEqual({
      leaderId: 'head-g',
      note: null,
      previousLeaderId: 'leader',
    });
    expect(referred.events.at(-1)?.data).not.toHaveProperty('previousLeaderId');
    expectRefused(
      attempt(passed, ACTORS.leader, 'instruct', { instruction: '请核实' }, day1),
      'auth.not_referred_leader',
    );
    expect(act(passed, ACTORS.groupHead, 'instruct', { instruction: '请核实' }, day1).state).toBe(
      'registered',
    );
    // Or routed without waiting for an instruction: nobody is asked any more.
    const assignedOn = act(
      referred,
      ACTORS.groupReception,
      'assign',
      { unit: UNITS.section1, reportBackBy: '2026-05-29' },
      day1,
    );
    expect(assignedOn).toMatchObject({ state: 'assigned', referredLeaderId: null });
    const forwarded = act(
      referred,
      ACTORS.groupReception,
      'forward',
      { recipientOrgan: '市纪委', reason: '转送' },
      day1,
    );
    expect(forwarded).toMatchObject({ state: 'forwarded', referredLeaderId: null });
  });

  it('Art 28: never to a leader who must stay out of the case', () => {
    const recused = { ...submitted(), recusedStaffIds: ['leader'] };
    expectRefused(
      attempt(recused, ACTORS.groupReception, 'refer', { leaderId: 'leader' }, day1),
      'referral.recused',
    );
    expectRefused(
      attempt(submitted(), ACTORS.groupReception, 'refer', { leaderId: 'p1' }, day1),
      'referral.recused',
    );
  });

  it('Art 18, 22, 30: only to a leader of the receiving unit or above, outside the accused unit', () => {
    const received = submitted();
    const at = (unit: UnitRef, roles: Role[] = ['unit_head']) => referralRefusal(received, { unit, roles });
    expect(at(UNITS.group)).toBeNull();
    expect(at(UNITS.group, ['responsible_leader'])).toBeNull();
    expect(at(UNITS.group, ['handler', 'reception'])).toBe('referral.not_leader');
    expect(at(UNITS.group, ['supervisor'])).toBe('referral.not_leader');
    expect(at(UNITS.mine1)).toBe('referral.outside_receiving');
    expect(at(UNITS.mine2)).toBe('referral.outside_receiving');
    // Received at mine1: its own leaders and the group's may be asked, not another mine's.
    const atMine = { ...received, units: { ...received.units, receiving: UNITS.mine1 } };
    expect(referralRefusal(atMine, { unit: UNITS.mine1, roles: ['unit_head'] })).toBeNull();
    expect(referralRefusal(atMine, { unit: UNITS.group, roles: ['unit_head'] })).toBeNull();
    expect(referralRefusal(atMine, { unit: UNITS.mine2, roles: ['unit_head'] })).toBe(
      'referral.outside_receiving',
    );
    // An accusation against mine1, received by the group: never to mine1's leaders.
    const accusation = act(
      submitted('accusation'),
      ACTORS.groupReception,
      'set_concerned_unit',
      { unit: UNITS.mine1 },
      day1,
    );
    expect(referralRefusal(accusation, { unit: UNITS.group, roles: ['unit_head'] })).toBeNull();
    expect(referralRefusal(accusation, { unit: UNITS.mine1, roles: ['unit_head'] })).toBe(
      'referral.accused_unit',
    );
    expect(referralRefusal(accusation, { unit: UNITS.section1, roles: ['unit_head'] })).toBe(
      'referral.accused_unit',
    );
    // The group's own leadership accused: none of its leaders is asked; the office forwards it.
    const againstTop = { ...accusation, units: { ...accusation.units, concerned: UNITS.group } };
    expect(referralRefusal(againstTop, { unit: UNITS.group, roles: ['unit_head'] })).toBe(
      'referral.accused_unit',
    );
  });

  it('only reception of the receiving unit or above triages', () => {
    expectRefused(attempt(submitted(), ACTORS.mineReception, 'accept', {}, day1), 'auth.unit_out_of_scope');
    expectRefused(attempt(submitted(), ACTORS.sectionHandler, 'accept', {}, day1), 'state.not_allowed');
  });
});

describe('Art 30 — accusations are kept from the accused', () => {
  it('refuses to assign an accusation to the accused unit or below it', () => {
    const p = submitted('accusation'); // concerned: section1
    expectRefused(
      attempt(p, ACTORS.groupReception, 'assign', { unit: UNITS.team1, reportBackBy: '2026-04-30' }, day1),
      'triage.accusation_to_accused_unit',
    );
    expect(
      act(p, ACTORS.groupReception, 'assign', { unit: UNITS.mine1, reportBackBy: '2026-04-30' }, day1).state,
    ).toBe('assigned');
  });

  it('refuses acceptance by a receiving unit that is itself accused', () => {
    const p = submitted('accusation');
    const atSection = { ...p, units: { ...p.units, receiving: UNITS.section1 } };
    const sectionReception = { ...ACTORS.mineReception, unit: UNITS.section1 };
    expectRefused(
      attempt(atSection, sectionReception, 'accept', {}, day1),
      'triage.accusation_to_accused_unit',
    );
  });
});

describe('a concerned unit the petitioner did not know: the petition office names it', () => {
  function unknown(kind: 'request' | 'accusation'): Petition {
    const d = register(
      {
        id: 'pet-u',
        petitionerId: 'p1',
        receivingUnit: UNITS.group,
        params: onlineParams({ kind, concernedUnit: undefined }),
      },
      ACTORS.petitioner,
      T0,
    );
    if (!d.ok) throw new Error(d.refusal.rule);
    return d.petition;
  }

  it('is registered without one, and the registration says so', () => {
    const p = unknown('request');
    expect(p.units.concerned).toBeNull();
    expect(p.events[0]).toMatchObject({ type: 'registered', data: { concernedUnitId: null } });
  });

  it('reception names it, and may correct it, before routing; the petitioner sees the step', () => {
    const named = act(
      unknown('request'),
      ACTORS.groupReception,
      'set_concerned_unit',
      { unit: UNITS.team1 },
      day1,
    );
    expect(named.units.concerned).toEqual(UNITS.team1);
    expect(named.state).toBe('registered');
    const corrected = act(named, ACTORS.groupReception, 'set_concerned_unit', { unit: UNITS.section2 }, day1);
    expect(corrected.events.at(-1)).toMatchObject({
      type: 'concerned_unit_set',
      visibility: 'petitioner',
      data: { unitId: UNITS.section2.id, previousUnitId: UNITS.team1.id },
    });
    // Only while it is being triaged, and only by the receiving unit's reception.
    expectRefused(
      attempt(named, ACTORS.mineReception, 'set_concerned_unit', { unit: UNITS.mine1 }, day1),
      'auth.unit_out_of_scope',
    );
    const assigned = act(
      named,
      ACTORS.groupReception,
      'assign',
      { unit: UNITS.mine2, reportBackBy: '2026-04-30' },
      day1,
    );
    expectRefused(
      attempt(assigned, ACTORS.groupReception, 'set_concerned_unit', { unit: UNITS.mine1 }, day1),
      'state.not_allowed',
    );
  });

  it('Art 30: an unnamed accused unit blocks nothing; once named, the firewall applies', () => {
    const p = unknown('accusation');
    // Any unit below the office may take it while nobody is accused …
    const toMine = { unit: UNITS.mine1, reportBackBy: '2026-04-30' };
    expect(attempt(p, ACTORS.groupReception, 'assign', toMine, day1).ok).toBe(true);
    // … and once reception names the mine as accused, neither it nor any unit below it may.
    const named = act(p, ACTORS.groupReception, 'set_concerned_unit', { unit: UNITS.mine1 }, day1);
    expectRefused(
      attempt(named, ACTORS.groupReception, 'assign', toMine, day1),
      'triage.accusation_to_accused_unit',
    );
    expectRefused(
      attempt(
        named,
        ACTORS.groupReception,
        'assign',
        { unit: UNITS.section1, reportBackBy: '2026-04-30' },
        day1,
      ),
      'triage.accusation_to_accused_unit',
    );
    expect(
      allowedActions(named, ACTORS.groupReception, day1).find((a) => a.type === 'assign')?.params[0],
    ).toMatchObject({ unitFilter: { notWithin: UNITS.mine1.id } });
  });
});

describe('Art 31 — diversion to a statutory procedure (诉访分离)', () => {
  it.each([
    ['request', 'diverted'],
    ['suggestion', 'triage.divert_requests_only'],
    ['accusation', 'triage.divert_requests_only'],
  ] as const)('a %s → %s', (kind, expected) => {
    const d = attempt(
      submitted(kind),
      ACTORS.groupReception,
      'divert',
      { route: 'litigation', guidance: '请依法起诉' },
      day1,
    );
    expect(d.ok ? d.petition.state : d.refusal.rule).toBe(expected);
  });

  it('tells the petitioner the guidance', () => {
    const d = attempt(
      submitted(),
      ACTORS.groupReception,
      'divert',
      { route: 'arbitration', guidance: '请申请仲裁' },
      day1,
    );
    expect(d.ok && d.events[0]).toMatchObject({
      type: 'diverted',
      visibility: 'petitioner',
      data: { route: 'arbitration', guidance: '请申请仲裁' },
    });
  });
});

describe('Art 19 ¶3, 36 ¶3 — the system declines an inadmissible petition at registration', () => {
  it('declines on the statutory grounds, with the reason the petitioner reads', () => {
    for (const ground of ['pending_elsewhere', 'already_final'] as const) {
      const p = act(submitted(), ACTORS.system, 'decline', { ground, reason: '同一事项正在办理中' }, T0);
      expect(p.state).toBe('declined');
      expect(p.events.at(-1)).toMatchObject({
        type: 'declined',
        actorRole: 'system',
        visibility: 'petitioner',
      });
    }
  });

  it('declines on no other ground, and only before triage', () => {
    expectRefused(
      attempt(submitted(), ACTORS.system, 'decline', { ground: 'other', reason: '理由' }, T0),
      'decline.system_admissibility_only',
    );
    const assigned = act(
      submitted(),
      ACTORS.groupReception,
      'assign',
      { unit: UNITS.section1, reportBackBy: '2026-04-30' },
      day1,
    );
    expectRefused(
      attempt(assigned, ACTORS.system, 'decline', { ground: 'pending_elsewhere', reason: '理由' }, day1),
      'state.not_allowed',
    );
  });
});

describe('Art 19 ¶3, 36 ¶3 and the rest — what a staff decline must state', () => {
  const OWN = 'XF2026-000010';
  const basis = (ground: DeclineGround, reason: string) => declineBasisRefusal({ ground, reason }, OWN);

  it('on Art 36 ¶3 or Art 19 ¶3, the earlier case by its number — not its own', () => {
    for (const [ground, rule, article] of [
      ['already_final', 'decline.final_case_required', '第三十六条第三款'],
      ['pending_elsewhere', 'decline.pending_case_required', '第十九条第三款'],
    ] as const) {
      const missing = basis(ground, '同一事项，已经处理过');
      expect(missing).toMatchObject({ rule, param: 'reason' });
      expect(missing?.message).toContain(article);
      expect(basis(ground, `本件 ${OWN} 与本件相同`)?.rule).toBe(rule);
      expect(basis(ground, `与 ${OWN} 相同，即 XF2026-000003`)).toBeNull();
    }
  });

  it('on `other`, the provision it rests on; not a petition matter names its ground itself', () => {
    expect(basis('other', '已经通过诉讼途径解决')?.rule).toBe('decline.basis_required');
    expect(basis('other', '已经人民法院判决，依据《信访工作条例》第三十一条不予受理')).toBeNull();
    expect(basis('other', '依据《劳动争议调解仲裁法》第 5 条')).toBeNull();
    expect(basis('not_a_petition_matter', '属于个人借贷纠纷')).toBeNull();
  });

  it('Art 22: not a petition matter says where to turn; final or pending says nothing more', () => {
    const decline = (ground: DeclineGround, guidance?: string) =>
      attempt(
        submitted(),
        ACTORS.groupReception,
        'decline',
        { ground, reason: '属于个人借贷纠纷', ...(guidance === undefined ? {} : { guidance }) },
        day1,
      );
    const missing = decline('not_a_petition_matter');
    expectRefused(missing, 'decline.guidance_required');
    expect(missing).toMatchObject({ refusal: { param: 'guidance' } });
    expect(!missing.ok && missing.refusal.message).toContain('《信访工作条例》第二十二条');
    expectRefused(decline('not_a_petition_matter', '  '), 'decline.guidance_required');
    const told = act(
      submitted(),
      ACTORS.groupReception,
      'decline',
      { ground: 'not_a_petition_matter', reason: '属于个人借贷纠纷', guidance: '东山区人民法院' },
      day1,
    );
    expect(told.events.at(-1)?.data).toEqual({
      ground: 'not_a_petition_matter',
      reason: '属于个人借贷纠纷',
      guidance: '东山区人民法院',
    });
    // Optional on `other`; refused where the ground leaves nowhere else to turn.
    expect(declineGuidanceRefusal({ ground: 'other' })).toBeNull();
    expect(declineGuidanceRefusal({ ground: 'other', guidance: '区劳动人事争议仲裁委员会' })).toBeNull();
    for (const ground of ['already_final', 'pending_elsewhere'] as const) {
      expect(declineGuidanceRefusal({ ground })).toBeNull();
      expect(declineGuidanceRefusal({ ground, guidance: '某单位' })).toMatchObject({
        rule: 'params.invalid',
        param: 'guidance',
      });
    }
  });

  it('reads a number as issued, however it was typed', () => {
    expect(petitionNumbersIn('见ＸＦ２０２６－０００１２３和xf2026-45，不是XF2026-1234567')).toEqual([
      'XF2026-000123',
      'XF2026-000045',
    ]);
    expect(earlierCaseNumber(`${OWN}，同 XF2025-000009`, OWN)).toBe('XF2025-000009');
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 999_999 }),
        fc.string({ unit: fc.constantFrom(...'综采一队补贴，。 ：（）') }),
        (year, serial, around) => {
          const number = `XF${year}-${String(serial).padStart(6, '0')}`;
          expect(petitionNumbersIn(`${around}${number}${around}`)).toEqual([number]);
        },
      ),
    );
  });
});
