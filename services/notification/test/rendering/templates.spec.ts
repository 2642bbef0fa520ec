import { LOCALES, formatDate, formatDateTime, formatMoney } from '../../src/domain/locale-format';
import { DEFAULT_NOTIFICATION_RULES } from '../../src/infrastructure/default-notification-rules';
import { contentHash } from '../../src/application/delivery/message-dispatcher';
import { EjsTemplateRenderer } from '../../src/infrastructure/ejs-template-renderer';
import { InMemoryTemplateCatalogue } from '../../src/infrastructure/templates/template-catalogue';

const renderer = new EjsTemplateRenderer();
const catalogue = new InMemoryTemplateCatalogue();

/** Parameters as the rules read them from published events (plus the case number the service adds). */
const sample: Record<string, unknown> = {
  caseNumber: 'CLM-2026-000123',
  submittedAt: '2026-11-20T03:00:00Z',
  requestedAt: '2026-11-21T03:00:00Z',
  items: [
    { documentKind: 'repair-invoice', reason: '维修发票' },
    { documentKind: 'police-report', reason: '交警事故认定书' },
  ],
  payout: { amountMinor: 123456, currency: 'CNY' },
  amount: { amountMinor: 123456, currency: 'CNY' },
  explanation: '事故属于保险责任',
  policyBasis: '机动车损失保险条款第六条',
  decidedAt: '2026-11-23T02:00:00Z',
  expectedArrivalDate: '2026-11-26',
  outcome: 'paid',
  closedAt: '2026-11-30T02:00:00Z',
  receivedAt: '2026-11-23T02:00:00Z',
  acceptedAt: '2026-11-23T02:00:00Z',
  summary: '补偿 ¥200.00',
  nextSteps: '十个工作日内到账',
  reason: '需要第三方鉴定',
  totalDays: 45,
  dueAt: '2026-11-23T09:30:00Z',
  step: 'decision',
  clock: 'regulatory',
};

describe('Formatting', () => {
  it('formats integer minor units as ¥1,234.56, never through a float', () => {
    expect(formatMoney({ amountMinor: 123456, currency: 'CNY' })).toBe('¥1,234.56');
    expect(formatMoney({ amountMinor: 5, currency: 'CNY' })).toBe('¥0.05');
    expect(formatMoney({ amountMinor: 0, currency: 'CNY' })).toBe('¥0.00');
    expect(formatMoney({ amountMinor: 100000000000, currency: 'CNY' })).toBe('¥1,000,000,000.00');
    expect(formatMoney({ amountMinor: 9007199254740991, currency: 'CNY' })).toBe('¥90,071,992,547,409.91');
    expect(formatMoney({ amountMinor: 1999, currency: 'USD' })).toBe('US$19.99');
    expect(() => formatMoney({ amountMinor: 12.5, currency: 'CNY' })).toThrow(RangeError);
  });

  it('formats dates as 2026年11月23日 or 23 November 2026, instants on the Beijing calendar', () => {
    expect(formatDate('2026-11-23', 'zh-CN')).toBe('2026年11月23日');
    expect(formatDate('2026-11-23', 'en')).toBe('23 November 2026');
    expect(formatDate('2026-11-22T16:30:00Z', 'zh-CN')).toBe('2026年11月23日'); // 00:30 in Beijing
    expect(formatDate('2026-01-05', 'zh-CN')).toBe('2026年1月5日');
    expect(formatDateTime('2026-11-23T06:05:00Z', 'zh-CN')).toBe('2026年11月23日 14:05');
    expect(formatDateTime('2026-11-23T06:05:00Z', 'en')).toBe('23 November 2026, 14:05');
  });
});

describe('Templates', () => {
  it('exist in zh-CN and en for every template a rule names, and render without gaps', () => {
    const templateIds = [
      ...new Set(DEFAULT_NOTIFICATION_RULES.flatMap((r) => r.messages.map((m) => m.template))),
    ];
    for (const locale of LOCALES) {
      for (const id of templateIds) {
        const template = catalogue.latest(id, locale);
        expect({ id, locale, found: template?.locale }).toEqual({ id, locale, found: locale });
        const rendered = renderer.render(template!, sample);
        for (const part of Object.values(rendered)) {
          expect(part).not.toMatch(/undefined|null|NaN|\[object Object\]|<%/);
          expect(part.length).toBeGreaterThan(10);
        }
      }
    }
  });

  it('renders the decision notice in zh-CN with the amount, date, reasons and policy basis', () => {
    const rendered = renderer.render(catalogue.latest('claim-approved', 'zh-CN')!, sample);
    expect(rendered.subject).toBe('理赔决定通知书：同意赔付（CLM-2026-000123）');
    expect(rendered.text).toContain('我司于2026年11月23日决定');
    expect(rendered.text).toContain('核定赔付金额为¥1,234.56');
    expect(rendered.text).toContain('依据：机动车损失保险条款第六条');
    expect(rendered.sms).toBe('【理赔】案件CLM-2026-000123已核定赔付¥1,234.56，决定书已发送，请查收。');
  });

  it('renders lists, and in English', () => {
    const zh = renderer.render(catalogue.latest('documents-requested', 'zh-CN')!, sample);
    expect(zh.text).toContain('1. repair-invoice：维修发票\n2. police-report：交警事故认定书');
    const en = renderer.render(catalogue.latest('payment-instructed', 'en')!, sample);
    expect(en.sms).toBe('Claim CLM-2026-000123: ¥1,234.56 is on its way, expected by 26 November 2026.');
  });

  it('does not HTML-escape plain text, and hashes the rendering', () => {
    const rendered = renderer.render(catalogue.latest('complaint-plan', 'en')!, {
      ...sample,
      summary: 'A & B <c>',
    });
    expect(rendered.text).toContain('A & B <c>');
    expect(contentHash(rendered)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('keeps old versions and falls back to zh-CN for an unknown locale', () => {
    const v2 = { ...catalogue.latest('claim-closed', 'zh-CN')!, version: 2, sms: 'v2' };
    const versioned = new InMemoryTemplateCatalogue([catalogue.latest('claim-closed', 'zh-CN')!, v2]);
    expect(versioned.latest('claim-closed', 'zh-CN')?.version).toBe(2);
    expect(versioned.version('claim-closed', 'zh-CN', 1)?.version).toBe(1);
    expect(versioned.latest('claim-closed', 'en')?.locale).toBe('zh-CN');
  });
});
