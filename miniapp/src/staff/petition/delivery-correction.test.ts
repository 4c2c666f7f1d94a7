import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { earlierDateNeeds, recordedDelivery, refusedField } from './delivery-correction';

const step = (type: string, data: Record<string, unknown> = {}) => ({ type, data });

describe('the delivery a correction starts from', () => {
  it('is the current answer’s: how it was recorded, at the day its last correction set', () => {
    expect(recordedDelivery([step('reply_issued')])).toBeNull();
    const posted = [
      step('reply_issued'),
      step('reply_delivered', { method: 'post', deliveredOn: '2026-06-05', postedOn: '2026-06-01' }),
    ];
    expect(recordedDelivery(posted)).toEqual({ method: 'post', deliveredOn: '2026-06-05' });
    const corrected = [
      ...posted,
      step('delivery_corrected', { deliveredOn: '2026-06-03', previousOn: '2026-06-05' }),
      step('rated', { rating: 'satisfied' }),
    ];
    expect(recordedDelivery(corrected)).toEqual({ method: 'post', deliveredOn: '2026-06-03' });
  });

  it('forgets an earlier answer’s delivery once the case is answered again', () => {
    const first = [
      step('reply_issued'),
      step('reply_delivered', { method: 'app', deliveredOn: '2026-06-05' }),
    ];
    expect(recordedDelivery([...first, step('reply_issued')])).toBeNull();
    expect(
      recordedDelivery([
        ...first,
        step('reply_issued'),
        step('reply_delivered', { method: 'visit', deliveredOn: '2026-07-01' }),
      ]),
    ).toEqual({ method: 'visit', deliveredOn: '2026-07-01' });
  });
});

describe('moving the delivery date', () => {
  const day = fc
    .date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const method = fc.constantFrom('app', 'in_person', 'post', 'visit');

  it('earlier asks for the receipt, and is refused for an opening in the app; later asks nothing', () => {
    fc.assert(
      fc.property(day, day, method, (chosen, deliveredOn, how) => {
        const needs = earlierDateNeeds(chosen, { method: how, deliveredOn });
        if (chosen >= deliveredOn) expect(needs).toBeNull();
        else expect(needs).toBe(how === 'app' ? 'not_earlier' : 'receipt');
      }),
    );
  });

  it('asks nothing before a whole date is typed, or with no delivery to correct', () => {
    expect(earlierDateNeeds(null, { method: 'post', deliveredOn: '2026-06-05' })).toBeNull();
    expect(earlierDateNeeds('2026-06-01', null)).toBeNull();
  });
});

describe('a refusal of the correction, by field', () => {
  it('names the field the lifecycle refusal or the validation failure names', () => {
    const lifecycle = (param?: string) => ({
      code: 'LIFECYCLE_REFUSED',
      message: '把送达日期改早，应上传证明该日期的送达回证或邮寄回执',
      details: { rule: 'delivery.correction_receipt_required', article: 'Art 35', param },
    });
    expect(refusedField(lifecycle('receiptAttachmentId'))).toBe('receiptAttachmentId');
    expect(refusedField(lifecycle('deliveredOn'))).toBe('deliveredOn');
    expect(refusedField(lifecycle())).toBeNull();
    expect(refusedField(lifecycle('version'))).toBeNull();
    const invalid = {
      code: 'VALIDATION_FAILED',
      details: [{ path: '/body/receiptAttachmentId', message: 'must be your own unused upload' }],
    };
    expect(refusedField(invalid)).toBe('receiptAttachmentId');
    expect(refusedField({ code: 'VALIDATION_FAILED', details: [{ path: '/body/reason' }] })).toBe('reason');
    expect(refusedField({ code: 'FORBIDDEN', details: { param: 'deliveredOn' } })).toBeNull();
    expect(refusedField(new Error('offline'))).toBeNull();
    expect(refusedField(null)).toBeNull();
  });
});
