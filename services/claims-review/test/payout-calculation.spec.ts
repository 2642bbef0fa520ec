import { DomainRuleViolation } from '@claims/event-sourcing';
import { PayoutInput, ROUNDING_RULE, calculatePayout } from '../src/domain/payout-calculation';
import { cny, policy } from './fixtures';

const input = (overrides: Partial<PayoutInput> = {}): PayoutInput => ({
  policy: policy(),
  accidentDate: '2025-06-01',
  cause: 'collision',
  assessedLoss: cny(1_000_000),
  paidOnPolicyBefore: cny(0),
  ...overrides,
});

describe('calculatePayout', () => {
  it('shows its working: (loss − deductible) × ratio, capped by the remaining sum insured', () => {
    const result = calculatePayout(input());
    expect(result).toMatchObject({ payable: true, payout: cny(720_000) });
    expect(result.steps.map((s) => s.step)).toEqual([
      'policy-in-force',
      'peril-covered',
      'exclusions',
      'assessed-loss',
      'deductible',
      'coverage-ratio',
      'remaining-sum-insured',
      'payout',
    ]);
    expect(result.steps.find((s) => s.step === 'deductible')).toMatchObject({
      clause: 'deductible CNY 1,000.00',
      amount: cny(900_000),
    });
    expect(result.steps.find((s) => s.step === 'coverage-ratio')?.explanation).toContain(ROUNDING_RULE);
  });

  it.each([
    ['deductible larger than the loss', { assessedLoss: cny(50_000) }, 'below-deductible'],
    ['deductible equal to the loss', { assessedLoss: cny(100_000) }, 'below-deductible'],
    ['limit exhausted by earlier claims', { paidOnPolicyBefore: cny(50_000_000) }, 'limit-exhausted'],
    ['earlier claims paid beyond the limit', { paidOnPolicyBefore: cny(60_000_000) }, 'limit-exhausted'],
    ['accident before cover starts', { accidentDate: '2024-12-31' }, 'policy-not-in-force'],
    ['accident after cover ends', { accidentDate: '2026-01-01' }, 'policy-not-in-force'],
    ['lapsed policy', { policy: policy({ status: 'lapsed' }) }, 'policy-not-in-force'],
    ['cancelled policy', { policy: policy({ status: 'cancelled' }) }, 'policy-not-in-force'],
    ['peril not covered', { cause: 'earthquake' }, 'not-covered'],
    [
      'excluded cause',
      { policy: policy({ coveredPerils: ['collision', 'racing'] }), cause: 'racing' },
      'exclusion',
    ],
    ['exclusion applied by the handler', { exclusionsApplied: ['drunk-driving'] }, 'exclusion'],
    ['zero coverage ratio', { policy: policy({ coverageRatioPercent: 0 }) }, 'not-covered'],
  ])('pays nothing when %s', (_name, overrides, reason) => {
    const result = calculatePayout(input(overrides as Partial<PayoutInput>));
    expect(result).toMatchObject({ payable: false, payout: cny(0), denialReason: reason });
  });

  it.each([
    ['first day of cover', '2025-01-01'],
    ['last day of cover (inclusive)', '2025-12-31'],
  ])('is in force on the %s', (_name, accidentDate) => {
    expect(calculatePayout(input({ accidentDate })).payable).toBe(true);
  });

  it.each([
    // loss, deductible, ratio, sum insured, paid before, expected payout
    [1_000_000, 100_000, 80, 50_000_000, 0, 720_000],
    [1_000_000, 0, 100, 50_000_000, 0, 1_000_000],
    [1_000_001, 0, 33, 50_000_000, 0, 330_000], // 330000.33 floored
    [999, 0, 50, 50_000_000, 0, 499], // 499.5 floored
    [1, 0, 99, 50_000_000, 0, 0 /* 0.99 floored to 0: nothing payable */],
    [10_000_000, 100_000, 100, 5_000_000, 0, 5_000_000], // capped by the sum insured
    [10_000_000, 100_000, 100, 5_000_000, 4_000_000, 1_000_000], // capped by what remains
    [10_000_000, 0, 70, 50_000_000, 49_000_000, 1_000_000], // partial ratio, then capped
  ])(
    'loss %i, deductible %i, ratio %i%%, sum insured %i, paid %i → %i',
    (loss, deductible, ratio, sumInsured, paid, expected) => {
      const result = calculatePayout(
        input({
          policy: policy({
            deductible: cny(deductible),
            coverageRatioPercent: ratio,
            sumInsured: cny(sumInsured),
          }),
          assessedLoss: cny(loss),
          paidOnPolicyBefore: cny(paid),
        }),
      );
      expect(result.payout).toEqual(cny(expected));
      expect(result.payable).toBe(expected > 0);
    },
  );

  it.each([
    ['assessed loss', { assessedLoss: { amountMinor: 1_000_000, currency: 'USD' } }],
    ['paid before', { paidOnPolicyBefore: { amountMinor: 0, currency: 'HKD' } }],
    ['deductible', { policy: policy({ deductible: { amountMinor: 100, currency: 'EUR' } }) }],
  ])('refuses a currency mismatch in the %s', (_name, overrides) => {
    expect(() => calculatePayout(input(overrides as Partial<PayoutInput>))).toThrow(
      expect.objectContaining({ code: 'currency-mismatch' }),
    );
  });

  it.each([
    ['a fractional amount', { assessedLoss: cny(10.5) }, 'invalid-amount'],
    ['a negative amount', { assessedLoss: cny(-1) }, 'invalid-amount'],
    ['a ratio above 100', { policy: policy({ coverageRatioPercent: 101 }) }, 'invalid-policy-snapshot'],
    ['a fractional ratio', { policy: policy({ coverageRatioPercent: 50.5 }) }, 'invalid-policy-snapshot'],
  ])('refuses %s', (_name, overrides, code) => {
    expect(() => calculatePayout(input(overrides as Partial<PayoutInput>))).toThrow(DomainRuleViolation);
    expect(() => calculatePayout(input(overrides as Partial<PayoutInput>))).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it('computes exactly with amounts near the largest safe integer', () => {
    const huge = Number.MAX_SAFE_INTEGER - 1;
    const result = calculatePayout(
      input({
        policy: policy({ deductible: cny(0), coverageRatioPercent: 99, sumInsured: cny(huge) }),
        assessedLoss: cny(huge),
      }),
    );
    expect(result.payout.amountMinor).toBe(Number((BigInt(huge) * 99n) / 100n));
  });

  describe('properties (seeded random inputs)', () => {
    let seed = 20250609;
    const random = (max: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % (max + 1);
    };
    const cases = Array.from({ length: 500 }, () => ({
      loss: random(20_000_000),
      deductible: random(500_000),
      ratio: random(100),
      sumInsured: random(30_000_000),
      paid: random(30_000_000),
    }));

    it('never pays more than the loss net of the deductible, the ratio share, or the remaining limit; never negative; always whole', () => {
      for (const c of cases) {
        const { payout } = calculatePayout(
          input({
            policy: policy({
              deductible: cny(c.deductible),
              coverageRatioPercent: c.ratio,
              sumInsured: cny(c.sumInsured),
            }),
            assessedLoss: cny(c.loss),
            paidOnPolicyBefore: cny(c.paid),
          }),
        );
        const net = Math.max(0, c.loss - c.deductible);
        expect(Number.isInteger(payout.amountMinor)).toBe(true);
        expect(payout.amountMinor).toBeGreaterThanOrEqual(0);
        expect(payout.amountMinor).toBeLessThanOrEqual(Math.max(0, c.sumInsured - c.paid));
        expect(payout.amountMinor).toBeLessThanOrEqual(Math.floor((net * c.ratio) / 100));
        expect(payout.amountMinor).toBe(
          Math.min(Math.floor((net * c.ratio) / 100), Math.max(0, c.sumInsured - c.paid)),
        );
      }
    });

    it('pays no less when the loss grows (monotone)', () => {
      for (const c of cases.slice(0, 100)) {
        const at = (loss: number) =>
          calculatePayout(
            input({
              policy: policy({ deductible: cny(c.deductible), coverageRatioPercent: c.ratio }),
              assessedLoss: cny(loss),
            }),
          ).payout.amountMinor;
        expect(at(c.loss + random(1_000_000))).toBeGreaterThanOrEqual(at(c.loss));
      }
    });
  });
});
