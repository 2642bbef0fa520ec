import { maskCustomer, maskId, maskName, maskPhone } from '../src/domain/masking';
import { csvField, percentiles, previousQuarter, quarterRange } from '../src/domain/quarterly-report';
import { causalTimeline } from '../src/domain/timeline';
import { asReceived } from './seed';

describe('masking', () => {
  it('keeps only what an analyst may see', () => {
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskId('110101199003071234')).toBe('110*************34');
    expect(maskCustomer('cust-1', { claimantName: '[erased]', claimantPhone: '[erased]' })).toEqual({
      forgotten: true,
      name: null,
      phone: null,
      id: null,
    });
  });
});

describe('quarters and figures', () => {
  it('takes quarters in Beijing time', () => {
    expect(quarterRange('2026-Q1')).toEqual({
      quarter: '2026-Q1',
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    });
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
  });

  it('uses nearest-rank percentiles', () => {
    expect(percentiles([5, 1, 4, 2, 3, 6, 7, 8, 9, 10])).toEqual({ count: 10, p50: 5, p90: 9, max: 10 });
    expect(percentiles([])).toEqual({ count: 0, p50: null, p90: null, max: null });
  });

  it('writes CSV cells a spreadsheet will not run', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-12')).toBe('-12');
    expect(csvField('a,b')).toBe('"a,b"');
  });
});

describe('causal timeline', () => {
  it('puts an effect right under its cause, whatever its time', () => {
    const [cause, unrelated, effect] = asReceived([
      {
        context: 'intake',
        type: 'A',
        subject: 's',
        time: '2026-01-01T00:00:00Z',
        data: {},
        id: 'a',
        correlationId: 'c',
      },
      {
        context: 'intake',
        type: 'B',
        subject: 's',
        time: '2026-01-01T00:00:01Z',
        data: {},
        id: 'b',
        correlationId: 'd',
      },
      {
        context: 'claims-review',
        type: 'C',
        subject: 's',
        time: '2026-01-01T00:00:02Z',
        data: { decidedBy: 'approver-1', decidedAs: 'approver' },
        id: 'c',
        correlationId: 'c',
        causationId: 'a',
      },
    ]);
    const timeline = causalTimeline([unrelated, effect, cause]);
    expect(timeline.map((e) => [e.type, e.depth])).toEqual([
      ['A', 0],
      ['C', 1],
      ['B', 0],
    ]);
    expect(timeline[1]).toMatchObject({ actor: 'approver-1', role: 'approver', service: 'claims-review' });
  });
});
