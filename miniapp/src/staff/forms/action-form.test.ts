import {
  type Actor,
  type AllowedAction,
  allowedActions,
  decide,
  type Petition,
  type PetitionKind,
  register,
  type UnitRef,
} from '@xinfang/shared/lifecycle';
import { describe, expect, it } from 'vitest';
import { staffCopy } from '@/copy/staff';
import { fieldsOf, initialValues, toParams, unitAllowed, validateAction } from './action-form';
import { parseInstant } from './dates';

/**
 * The action forms are drawn from the descriptors `allowedActions` makes — the very function the
 * server calls — for petitions walked through the lifecycle here, so the forms are tested against
 * real descriptors: assignable units, earliest dates, outcomes by kind, open supervision notices.
 */
const ref = (...path: string[]): UnitRef => ({ id: path.at(-1) as string, path });
const UNITS = {
  group: ref('group'),
  mine: ref('group', 'mine'),
  safety: ref('group', 'mine', 'safety'),
  team: ref('group', 'mine', 'safety', 'team'),
  hr: ref('group', 'mine', 'hr'),
  other: ref('group', 'other'),
};
const UNIT_LIST = Object.values(UNITS);
const reception: Actor = { id: 'rec', roles: ['reception'], unit: UNITS.mine };
const handler: Actor = { id: 'h', roles: ['handler'], unit: UNITS.safety };
const head: Actor = { id: 'head', roles: ['unit_head'], unit: UNITS.mine };
const supervisor: Actor = { id: 'sup', roles: ['supervisor'], unit: UNITS.group };

/** Monday 2026-03-02, 10:00 in Beijing. */
const NOW = '2026-03-02T02:00:00.000Z';
const now = Date.parse(NOW);

function registered(kind: PetitionKind = 'request', concerned: UnitRef = UNITS.safety): Petition {
  const decision = register(
    {
      id: 'p1',
      petitionerId: 'pp',
      receivingUnit: UNITS.mine,
      params: {
        kind,
        channel: 'visit',
        receivedAt: NOW,
        concernedUnit: concerned,
        categoryId: 'safety',
        title: '通风不良',
        content: '三号井通风不良',
      },
    },
    reception,
    NOW,
  );
  if (!decision.ok) throw new Error(decision.refusal.message);
  return decision.petition;
}

function step(
  petition: Petition,
  actor: Actor,
  type: string,
  params: Record<string, unknown> = {},
): Petition {
  const decision = decide(petition, { type, params } as Parameters<typeof decide>[1], actor, NOW);
  if (!decision.ok) throw new Error(`${type}: ${decision.refusal.message}`);
  return decision.petition;
}

function action(petition: Petition, actor: Actor, type: string): AllowedAction {
  const found = allowedActions(petition, actor, NOW).find((a) => a.type === type);
  if (!found) throw new Error(`${type} is not offered`);
  return found;
}

const context = (kind: PetitionKind = 'request') => ({ kind, now, units: UNIT_LIST });

describe('action forms from the server’s descriptors', () => {
  it('asks for every parameter of an assignment, and sends the unit and a date not in the past', () => {
    const assign = action(registered(), reception, 'assign');
    const values = initialValues(assign, context());
    expect(values).toEqual({ unit: '', reportBackBy: '' });
    expect(validateAction(assign, values, context())).toEqual({
      unit: '请选择承办单位',
      reportBackBy: '请填写此项',
    });

    // Art 22: the report-back date may not lie in the past; the descriptor carries today as minDate.
    const past = validateAction(assign, { unit: 'safety', reportBackBy: '2026-03-01' }, context());
    expect(past.reportBackBy).toBe('不能早于 2026-03-02');
    expect(
      validateAction(assign, { unit: 'safety', reportBackBy: '2026-2-30' }, context()).reportBackBy,
    ).toBe(staffCopy.form.dateInvalid);

    const good = { unit: 'safety', reportBackBy: '2026-3-20' };
    expect(validateAction(assign, good, context())).toEqual({});
    expect(toParams(assign, good, context())).toEqual({ unit: 'safety', reportBackBy: '2026-03-20' });
  });

  it('holds the chosen unit to the assignable ones: below the receiving unit, never itself', () => {
    const assign = action(registered(), reception, 'assign');
    const filter = fieldsOf(assign, context()).find((f) => f.name === 'unit')?.unitFilter;
    expect(filter).toEqual({ within: 'mine', not: 'mine', notWithin: null });
    const allowed = UNIT_LIST.filter((u) => unitAllowed(u, filter)).map((u) => u.id);
    expect(allowed).toEqual(['safety', 'team', 'hr']);
    expect(validateAction(assign, { unit: 'mine', reportBackBy: '2026-03-20' }, context()).unit).toBe(
      '不能选择这个单位',
    );
    expect(validateAction(assign, { unit: 'other', reportBackBy: '2026-03-20' }, context()).unit).toBe(
      '不能选择这个单位',
    );
  });

  it('never offers an accusation to the accused unit or a unit below it (Art 30)', () => {
    const assign = action(registered('accusation', UNITS.safety), reception, 'assign');
    const filter = fieldsOf(assign, context('accusation')).find((f) => f.name === 'unit')?.unitFilter;
    expect(UNIT_LIST.filter((u) => unitAllowed(u, filter)).map((u) => u.id)).toEqual(['hr']);
  });

  it('offers the decision letter’s outcomes for the kind, and asks a request for its legal basis (Art 32)', () => {
    const handling = step(
      step(registered(), reception, 'assign', { unit: UNITS.safety, reportBackBy: '2026-03-20' }),
      handler,
      'accept',
    );
    const draft = action(handling, handler, 'draft_reply');
    const fields = fieldsOf(draft, context());
    expect(fields.map((f) => f.name)).toEqual([
      'request',
      'factsAndReasons',
      'decision',
      'legalBasis',
      'outcome',
    ]);
    expect(fields.find((f) => f.name === 'outcome')).toMatchObject({
      options: ['support', 'explain', 'not_support'],
    });
    expect(fields.find((f) => f.name === 'legalBasis')).toMatchObject({
      required: false,
      requiredHere: true,
    });

    const letter = {
      request: '要求整改',
      factsAndReasons: '经查属实',
      decision: '限期整改',
      legalBasis: '',
      outcome: 'support',
    };
    expect(validateAction(draft, letter, context())).toEqual({
      legalBasis: '申诉求决类的处理意见须写明法律法规依据（第三十二条）',
    });
    expect(validateAction(draft, { ...letter, outcome: 'adopted' }, context()).outcome).toBe('请选择结论');
    const params = toParams(draft, { ...letter, legalBasis: '  《安全生产法》第四十一条 ' }, context());
    expect(params).toEqual({ ...letter, legalBasis: '《安全生产法》第四十一条' });
    // The server agrees: the letter the form makes is one decide() accepts.
    expect(() => step(handling, handler, 'draft_reply', params)).not.toThrow();
  });

  it('leaves a suggestion’s legal basis optional and offers its own outcomes (Art 29)', () => {
    const p = registered('suggestion');
    const handling = step(
      step(p, reception, 'assign', { unit: UNITS.safety, reportBackBy: '2026-03-20' }),
      handler,
      'accept',
    );
    const draft = action(handling, handler, 'draft_reply');
    const ctx = context('suggestion');
    expect(fieldsOf(draft, ctx).find((f) => f.name === 'legalBasis')?.requiredHere).toBe(false);
    expect(fieldsOf(draft, ctx).find((f) => f.name === 'outcome')).toMatchObject({
      options: ['adopted', 'partly_adopted', 'not_adopted'],
    });
    const values = {
      request: '建议',
      factsAndReasons: '研究',
      decision: '采纳',
      legalBasis: '',
      outcome: 'adopted',
    };
    expect(validateAction(draft, values, ctx)).toEqual({});
    expect(toParams(draft, values, ctx)).not.toHaveProperty('legalBasis');
  });

  it('keeps an extension within the statute’s 30 days (Art 34) and sends the days as a number', () => {
    const handling = step(registered(), reception, 'accept');
    const extension = action(handling, head, 'request_extension');
    expect(validateAction(extension, { days: '31', reason: '检测' }, context()).days).toBe(
      '请填写 1 到 30 之间的整数',
    );
    expect(validateAction(extension, { days: '2.5', reason: '检测' }, context()).days).toBeDefined();
    expect(validateAction(extension, { days: '20', reason: ' ' }, context()).reason).toBe('请填写此项');
    expect(toParams(extension, { days: '20', reason: '需要第三方检测' }, context())).toEqual({
      days: 20,
      reason: '需要第三方检测',
    });
  });

  it('counts length as the server does (code points) and refuses what is too long', () => {
    const p = registered();
    const note = action(p, reception, 'add_note');
    expect(validateAction(note, { text: '𠀀'.repeat(5000) }, context())).toEqual({});
    expect(validateAction(note, { text: '𠀀'.repeat(5001) }, context()).text).toBe('不能超过 5000 字');
  });

  it('takes times in Beijing time; a delivery date lies between the answer’s issue and today', () => {
    const p = step(registered(), reception, 'accept');
    const hearing = action(p, head, 'schedule_hearing');
    const values = { scheduledFor: '2026-03-10 14:30', place: '矿调度楼会议室' };
    expect(validateAction(hearing, values, context())).toEqual({});
    expect(toParams(hearing, values, context())).toEqual({
      scheduledFor: '2026-03-10T06:30:00.000Z',
      place: '矿调度楼会议室',
    });
    expect(validateAction(hearing, { ...values, scheduledFor: '3月10日' }, context()).scheduledFor).toBe(
      staffCopy.form.instantInvalid,
    );

    const drafted = step(p, head, 'draft_reply', {
      request: 'r',
      factsAndReasons: 'f',
      decision: 'd',
      legalBasis: 'b',
      outcome: 'support',
    });
    const issue = action(step(drafted, head, 'approve_reply'), head, 'issue_reply');
    expect(initialValues(issue, context())).toEqual({});
    const correct = action(
      step(step(step(drafted, head, 'approve_reply'), head, 'issue_reply'), reception, 'record_delivery', {
        method: 'visit',
        deliveredOn: '2026-03-02',
      }),
      head,
      'correct_delivery',
    );
    expect(
      validateAction(correct, { deliveredOn: '2026-03-03', reason: '核对' }, context()).deliveredOn,
    ).toBe('不能晚于 2026-03-02');
    expect(
      validateAction(correct, { deliveredOn: '2026-03-01', reason: '核对' }, context()).deliveredOn,
    ).toBe('不能早于 2026-03-02');
    expect(parseInstant('2026-03-02 09:00')).toBe('2026-03-02T01:00:00.000Z');
  });

  it('offers only the supervision notices that are open for the unit, and sends the number', () => {
    const p = step(
      step(registered(), reception, 'assign', { unit: UNITS.safety, reportBackBy: '2026-03-20' }),
      handler,
      'accept',
    );
    const supervised = step(p, supervisor, 'issue_supervision', {
      concern: 'delay',
      requirements: '请说明进展',
      dueDate: '2026-03-10',
    });
    const answer = action(supervised, handler, 'answer_supervision');
    const field = fieldsOf(answer, context()).find((f) => f.name === 'supervisionNo');
    expect(field).toMatchObject({ kind: 'integer', values: [1] });
    // The only open notice is chosen from the start.
    expect(initialValues(answer, context())).toEqual({ supervisionNo: '1', answer: '' });
    expect(toParams(answer, { supervisionNo: '1', answer: '已完成检测' }, context())).toEqual({
      supervisionNo: 1,
      answer: '已完成检测',
    });
    expect(validateAction(answer, { supervisionNo: '2', answer: 'x' }, context()).supervisionNo).toBe(
      '请选择督办单编号',
    );
  });

  it('asks a decline for its basis: the earlier case by number, or the provision (Art 19 ¶3, 36 ¶3)', () => {
    const decline = action(registered(), reception, 'decline');
    const ctx = { ...context(), number: 'XF2026-000010' };
    const basis = staffCopy.form.declineBasis;
    const reasonOf = (ground: string, reason: string) =>
      validateAction(decline, { ground, reason }, ctx).reason;
    expect(reasonOf('already_final', '同一事项已经终结')).toBe(basis['decline.final_case_required']);
    expect(reasonOf('already_final', '与本件 XF2026-000010 相同')).toBe(basis['decline.final_case_required']);
    expect(reasonOf('already_final', '与 XF2026-000003 为同一事实和理由')).toBeUndefined();
    expect(reasonOf('pending_elsewhere', '正在矿上办理')).toBe(basis['decline.pending_case_required']);
    expect(reasonOf('other', '已经通过诉讼解决')).toBe(basis['decline.basis_required']);
    expect(reasonOf('other', '依据《信访工作条例》第三十一条，已经通过诉讼解决')).toBeUndefined();
    expect(reasonOf('not_a_petition_matter', '属于个人借贷纠纷')).toBeUndefined();
    // An empty reason is first of all missing.
    expect(reasonOf('other', ' ')).toBe(staffCopy.form.required);
  });

  it('asks a decline where the petitioner may turn, when the ground leaves somewhere (Art 22)', () => {
    const decline = action(registered(), reception, 'decline');
    const ctx = { ...context(), number: 'XF2026-000010' };
    const { declineGuidanceRequired } = staffCopy.form;
    const guidanceOf = (ground: string, guidance: string, reason = '属于个人借贷纠纷') =>
      validateAction(decline, { ground, reason, guidance }, ctx).guidance;
    const guidanceField = (ground: string) =>
      fieldsOf(decline, ctx, { ground }).find((f) => f.name === 'guidance');
    // Asked once a ground is chosen that leaves somewhere to turn; required where it is not ours.
    expect(guidanceField('')).toBeUndefined();
    expect(guidanceField('not_a_petition_matter')).toMatchObject({
      label: '可以向何处反映',
      requiredHere: true,
    });
    expect(guidanceField('other')).toMatchObject({ requiredHere: false });
    expect(guidanceField('already_final')).toBeUndefined();
    expect(guidanceField('pending_elsewhere')).toBeUndefined();
    expect(guidanceOf('not_a_petition_matter', ' ')).toBe(declineGuidanceRequired);
    expect(guidanceOf('not_a_petition_matter', '东山区人民法院')).toBeUndefined();
    expect(guidanceOf('other', '', '依据第三十一条')).toBeUndefined();
    // Typed before the ground changed to one that asks nothing: neither checked nor sent.
    const final = { ground: 'already_final', reason: '与 XF2026-000003 相同', guidance: '东山区人民法院' };
    expect(validateAction(decline, final, ctx).guidance).toBeUndefined();
    expect(toParams(decline, final, ctx)).not.toHaveProperty('guidance');
    const params = { ground: 'not_a_petition_matter', reason: '借贷纠纷', guidance: ' 东山区人民法院 ' };
    expect(toParams(decline, params, ctx)).toEqual({ ...params, guidance: '东山区人民法院' });
  });

  it('records a review asked by letter: the channel it came by, a day between the answer and today', () => {
    let p = step(registered(), reception, 'assign', { unit: UNITS.safety, reportBackBy: '2026-03-30' });
    p = step(p, handler, 'accept');
    p = step(p, head, 'draft_reply', {
      request: 'r',
      factsAndReasons: 'f',
      decision: 'd',
      legalBasis: 'b',
      outcome: 'support',
    });
    p = step(step(p, head, 'approve_reply'), head, 'issue_reply');
    // The answer came from the safety section: its review, and so the letter, is the mine's.
    const record = action(p, reception, 'record_review_request');
    expect(fieldsOf(record, context()).map((f) => [f.name, f.kind, f.requiredHere])).toEqual([
      ['channel', 'enum', true],
      ['receivedOn', 'date', true],
      ['reason', 'long_text', true],
    ]);
    const values = { channel: 'letter', receivedOn: '2026-03-02', reason: '来信称补发金额不对' };
    expect(validateAction(record, values, context())).toEqual({});
    expect(toParams(record, values, context())).toEqual(values);
    const choose = staffCopy.form.chooseField(fieldsOf(record, context())[0]?.label ?? '');
    expect(validateAction(record, { ...values, channel: '' }, context()).channel).toBe(choose);
    expect(validateAction(record, { ...values, channel: 'online' }, context()).channel).toBe(choose);
    expect(validateAction(record, { ...values, receivedOn: '2026-03-03' }, context()).receivedOn).toBe(
      '不能晚于 2026-03-02',
    );
  });

  it('sends a switch only when it is on, and no parameters for an acceptance', () => {
    const accept = action(registered(), reception, 'accept');
    expect(initialValues(accept, context())).toEqual({});
    expect(validateAction(accept, {}, context())).toEqual({});
    expect(toParams(accept, {}, context())).toEqual({});
  });
});
