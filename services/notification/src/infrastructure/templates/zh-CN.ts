import { MessageTemplate } from '../../application/ports';

const t = (id: string, version: number, subject: string, sms: string, text: string): MessageTemplate => ({
  id,
  version,
  locale: 'zh-CN',
  subject,
  sms,
  text,
});

const SIGN = '\n\n此致\n保险公司理赔服务中心';

/** Simplified Chinese, the default. `p` holds the parameters; `money`, `date`, `dateTime` format them. */
export const ZH_CN_TEMPLATES: readonly MessageTemplate[] = [
  t(
    'claim-submitted',
    1,
    '您的理赔申请已受理（<%= p.caseNumber %>）',
    '【理赔】您的理赔申请<%= p.caseNumber %>已于<%= date(p.submittedAt) %>受理，我们将尽快审核。',
    '尊敬的客户：\n\n您的理赔申请（案件号 <%= p.caseNumber %>）已于<%= date(p.submittedAt) %>受理。我们将尽快审核，如需补充材料会及时通知您。' +
      SIGN,
  ),
  t(
    'documents-requested',
    1,
    '请补充理赔材料（<%= p.caseNumber %>）',
    '【理赔】案件<%= p.caseNumber %>需补充<%= p.items.length %>项材料，详情请查看邮件或App消息。',
    '尊敬的客户：\n\n为继续审核您的理赔申请（案件号 <%= p.caseNumber %>），请补充以下材料：\n' +
      '<% p.items.forEach(function (item, i) { %>\n<%= i + 1 %>. <%= item.documentKind %>：<%= item.reason %><% }) %>' +
      '\n\n审核时限自材料补齐之日起重新计算。' +
      SIGN,
  ),
  t(
    'claim-approved',
    1,
    '理赔决定通知书：同意赔付（<%= p.caseNumber %>）',
    '【理赔】案件<%= p.caseNumber %>已核定赔付<%= money(p.payout) %>，决定书已发送，请查收。',
    '尊敬的客户：\n\n经审核，我司于<%= date(p.decidedAt) %>决定对您的理赔申请（案件号 <%= p.caseNumber %>）予以赔付，' +
      '核定赔付金额为<%= money(p.payout) %>。\n\n理由：<%= p.explanation %>\n依据：<%= p.policyBasis %>\n\n' +
      '如对本决定有异议，您可自收到本通知之日起向我司提出投诉，或向金融监管部门反映。' +
      SIGN,
  ),
  t(
    'claim-denied',
    1,
    '理赔决定通知书：拒绝赔付（<%= p.caseNumber %>）',
    '【理赔】案件<%= p.caseNumber %>的审核结果已出，决定书已发送，请查收。',
    '尊敬的客户：\n\n经审核，我司于<%= date(p.decidedAt) %>决定对您的理赔申请（案件号 <%= p.caseNumber %>）不予赔付。\n\n' +
      '理由：<%= p.explanation %>\n依据：<%= p.policyBasis %>\n\n' +
      '如对本决定有异议，您可自收到本通知之日起向我司提出投诉，或向金融监管部门反映，也可依法申请仲裁或提起诉讼。' +
      SIGN,
  ),
  t(
    'payment-instructed',
    1,
    '赔款支付通知（<%= p.caseNumber %>）',
    '【理赔】案件<%= p.caseNumber %>赔款<%= money(p.amount) %>已安排支付，预计<%= date(p.expectedArrivalDate) %>前到账。',
    '尊敬的客户：\n\n您的理赔案件（案件号 <%= p.caseNumber %>）赔款<%= money(p.amount) %>已安排支付，' +
      '预计于<%= date(p.expectedArrivalDate) %>前到账。' +
      SIGN,
  ),
  t(
    'claim-closed',
    1,
    '理赔案件已结案（<%= p.caseNumber %>）',
    '【理赔】案件<%= p.caseNumber %>已于<%= date(p.closedAt) %>结案，感谢您的信任。',
    '尊敬的客户：\n\n您的理赔案件（案件号 <%= p.caseNumber %>）已于<%= date(p.closedAt) %>结案。感谢您的信任。' +
      SIGN,
  ),
  t(
    'complaint-received',
    1,
    '您的投诉已收到（<%= p.caseNumber %>）',
    '【投诉】您的投诉已登记，编号<%= p.caseNumber %>，我们将在规定时限内处理并答复。',
    '尊敬的客户：\n\n我们已于<%= date(p.receivedAt) %>收到您的投诉（编号 <%= p.caseNumber %>），将在规定时限内处理并答复您。' +
      SIGN,
  ),
  t(
    'complaint-accepted',
    1,
    '您的投诉已受理（<%= p.caseNumber %>）',
    '【投诉】您的投诉<%= p.caseNumber %>已受理，专人将与您联系。',
    '尊敬的客户：\n\n您的投诉（编号 <%= p.caseNumber %>）已于<%= date(p.acceptedAt) %>受理，将由专人负责处理并与您联系。' +
      SIGN,
  ),
  t(
    'complaint-plan',
    1,
    '投诉处理方案（<%= p.caseNumber %>）',
    '【投诉】投诉<%= p.caseNumber %>的处理方案已发送，请查收邮件或App消息。',
    '尊敬的客户：\n\n关于您的投诉（编号 <%= p.caseNumber %>），处理方案如下：\n\n<%= p.summary %>\n\n后续步骤：<%= p.nextSteps %>' +
      SIGN,
  ),
  t(
    'complaint-extended',
    1,
    '投诉处理期限延长通知（<%= p.caseNumber %>）',
    '【投诉】投诉<%= p.caseNumber %>处理期限延长至<%= date(p.dueAt) %>，原因已另行告知。',
    '尊敬的客户：\n\n因<%= p.reason %>，您的投诉（编号 <%= p.caseNumber %>）处理期限延长至<%= date(p.dueAt) %>（共<%= p.totalDays %>日）。' +
      SIGN,
  ),
  t(
    'complaint-closed',
    1,
    '投诉已办结（<%= p.caseNumber %>）',
    '【投诉】您的投诉<%= p.caseNumber %>已于<%= date(p.closedAt) %>办结，感谢您的反馈。',
    '尊敬的客户：\n\n您的投诉（编号 <%= p.caseNumber %>）已于<%= date(p.closedAt) %>办结。感谢您的反馈。' +
      SIGN,
  ),
  t(
    'time-limit-at-risk',
    1,
    '时限预警：<%= p.caseNumber %>',
    '【预警】<%= p.caseNumber %>将于<%= dateTime(p.dueAt) %>到期。',
    '<%= p.caseNumber %> 的处理时限（<%= p.step || p.clock %>）将于<%= dateTime(p.dueAt) %>到期，请尽快处理。',
  ),
  t(
    'time-limit-breached',
    1,
    '时限已超：<%= p.caseNumber %>',
    '【超时】<%= p.caseNumber %>已于<%= dateTime(p.dueAt) %>超时。',
    '<%= p.caseNumber %> 的处理时限（<%= p.step || p.clock %>）已于<%= dateTime(p.dueAt) %>届满，请立即处理并说明原因。',
  ),
];
