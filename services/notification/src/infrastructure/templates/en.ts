import { MessageTemplate } from '../../application/ports';

const t = (id: string, version: number, subject: string, sms: string, text: string): MessageTemplate => ({
  id,
  version,
  locale: 'en',
  subject,
  sms,
  text,
});

const SIGN = '\n\nYours faithfully,\nClaims Service Centre';

/** English, for customers who asked for it. */
export const EN_TEMPLATES: readonly MessageTemplate[] = [
  t(
    'claim-submitted',
    1,
    'We have received your claim <%= p.caseNumber %>',
    'Claim <%= p.caseNumber %> received on <%= date(p.submittedAt) %>. We will review it promptly.',
    'Dear customer,\n\nWe received your claim <%= p.caseNumber %> on <%= date(p.submittedAt) %> and will review it promptly. ' +
      'We will tell you if we need more documents.' +
      SIGN,
  ),
  t(
    'documents-requested',
    1,
    'Documents needed for claim <%= p.caseNumber %>',
    'Claim <%= p.caseNumber %>: we need <%= p.items.length %> more document(s). See your email or the app.',
    'Dear customer,\n\nTo continue with claim <%= p.caseNumber %>, please send us:\n' +
      '<% p.items.forEach(function (item, i) { %>\n<%= i + 1 %>. <%= item.documentKind %>: <%= item.reason %><% }) %>' +
      '\n\nThe review period starts again once we have them all.' +
      SIGN,
  ),
  t(
    'claim-approved',
    1,
    'Decision on claim <%= p.caseNumber %>: approved',
    'Claim <%= p.caseNumber %> approved: <%= money(p.payout) %>. The decision letter has been sent to you.',
    'Dear customer,\n\nOn <%= date(p.decidedAt) %> we approved claim <%= p.caseNumber %> and will pay <%= money(p.payout) %>.\n\n' +
      'Reasons: <%= p.explanation %>\nPolicy basis: <%= p.policyBasis %>\n\n' +
      'If you disagree, you may complain to us or to the financial regulator.' +
      SIGN,
  ),
  t(
    'claim-denied',
    1,
    'Decision on claim <%= p.caseNumber %>: declined',
    'The decision on claim <%= p.caseNumber %> has been sent to you.',
    'Dear customer,\n\nOn <%= date(p.decidedAt) %> we declined claim <%= p.caseNumber %>.\n\n' +
      'Reasons: <%= p.explanation %>\nPolicy basis: <%= p.policyBasis %>\n\n' +
      'If you disagree, you may complain to us or to the financial regulator, or go to arbitration or court.' +
      SIGN,
  ),
  t(
    'payment-instructed',
    1,
    'Payment on claim <%= p.caseNumber %>',
    'Claim <%= p.caseNumber %>: <%= money(p.amount) %> is on its way, expected by <%= date(p.expectedArrivalDate) %>.',
    'Dear customer,\n\nWe have paid <%= money(p.amount) %> on claim <%= p.caseNumber %>. ' +
      'It should reach your account by <%= date(p.expectedArrivalDate) %>.' +
      SIGN,
  ),
  t(
    'claim-closed',
    1,
    'Claim <%= p.caseNumber %> closed',
    'Claim <%= p.caseNumber %> was closed on <%= date(p.closedAt) %>. Thank you.',
    'Dear customer,\n\nClaim <%= p.caseNumber %> was closed on <%= date(p.closedAt) %>. Thank you for your trust.' +
      SIGN,
  ),
  t(
    'complaint-received',
    1,
    'We have received your complaint <%= p.caseNumber %>',
    'Complaint <%= p.caseNumber %> registered. We will reply within the time limit.',
    'Dear customer,\n\nWe received your complaint <%= p.caseNumber %> on <%= date(p.receivedAt) %> and will reply within the time limit.' +
      SIGN,
  ),
  t(
    'complaint-accepted',
    1,
    'Your complaint <%= p.caseNumber %> is being handled',
    'Complaint <%= p.caseNumber %> accepted; a handler will contact you.',
    'Dear customer,\n\nYour complaint <%= p.caseNumber %> was accepted on <%= date(p.acceptedAt) %>. A handler will contact you.' +
      SIGN,
  ),
  t(
    'complaint-plan',
    1,
    'Our answer to complaint <%= p.caseNumber %>',
    'Our answer to complaint <%= p.caseNumber %> has been sent to you.',
    'Dear customer,\n\nOur answer to complaint <%= p.caseNumber %>:\n\n<%= p.summary %>\n\nNext steps: <%= p.nextSteps %>' +
      SIGN,
  ),
  t(
    'complaint-extended',
    1,
    'More time needed for complaint <%= p.caseNumber %>',
    'Complaint <%= p.caseNumber %>: we will reply by <%= date(p.dueAt) %>.',
    'Dear customer,\n\nBecause <%= p.reason %>, we will reply to complaint <%= p.caseNumber %> by <%= date(p.dueAt) %> (<%= p.totalDays %> days in all).' +
      SIGN,
  ),
  t(
    'complaint-closed',
    1,
    'Complaint <%= p.caseNumber %> closed',
    'Complaint <%= p.caseNumber %> was closed on <%= date(p.closedAt) %>. Thank you.',
    'Dear customer,\n\nComplaint <%= p.caseNumber %> was closed on <%= date(p.closedAt) %>. Thank you for telling us.' +
      SIGN,
  ),
  t(
    'time-limit-at-risk',
    1,
    'Time limit at risk: <%= p.caseNumber %>',
    '<%= p.caseNumber %> is due at <%= dateTime(p.dueAt) %>.',
    'The time limit of <%= p.caseNumber %> (<%= p.step || p.clock %>) ends at <%= dateTime(p.dueAt) %>.',
  ),
  t(
    'time-limit-breached',
    1,
    'Time limit breached: <%= p.caseNumber %>',
    '<%= p.caseNumber %> was due at <%= dateTime(p.dueAt) %>.',
    'The time limit of <%= p.caseNumber %> (<%= p.step || p.clock %>) ended at <%= dateTime(p.dueAt) %>. Act now and record why.',
  ),
];
