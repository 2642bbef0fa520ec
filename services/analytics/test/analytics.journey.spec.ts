import { foldAll } from '../src/domain/case-archive';
import { AnalyticsHarness, startAnalyticsHarness } from './analytics-harness';
import { Q1_START, claimEvents, claimNumber, seedTwoQuarters } from './seed';

/**
 * An embedded journey: 240 claims and 150 complaints across 2026-Q1 (with New Year and the
 * Spring Festival), 60 and 30 in 2025-Q4, published as intake, claims review and complaint
 * would; the figures are checked against expectations computed by hand from seed.ts's rules.
 */
describe('analytics over a seeded quarter', () => {
  let h: AnalyticsHarness;
  let seeded = 0;

  beforeAll(async () => {
    h = await startAnalyticsHarness();
    const events = seedTwoQuarters();
    seeded = events.length;
    await h.publish(events);
    await h.received(seeded);
  }, 90_000);

  afterAll(() => h?.close());

  it("computes 2026-Q1's claim figures beside 2025-Q4's", async () => {
    const response = await h.get('analyst', 'reports/2026-Q1');
    expect(response.status).toBe(200);
    const report = JSON.parse(response.text);
    const claims = report.claims.current;
    expect(claims.received).toBe(240);
    expect(report.claims.previous.received).toBe(60);
    expect(claims.byChannel).toEqual({
      counter: 40,
      email: 40,
      hotline: 40,
      'mobile-app': 40,
      website: 40,
      wechat: 40,
    });
    expect(claims.byProductLine).toEqual({ 'health-accident': 80, motor: 80, property: 80 });
    expect(claims.accepted).toBe(240);
    expect(claims.fastTrack).toBe(48);
    expect(claims.fastTrackShare).toBe(0.2);
    expect(claims.decided).toBe(240);
    expect([claims.approved, claims.denied]).toEqual([192, 48]);
    expect([claims.approvalRate, claims.denialRate]).toEqual([0.8, 0.2]);
    expect(claims.denialReasonCodes).toEqual({ exclusion: 24, fraud: 12, 'not-covered': 12 });
    expect(claims.fraudOrMisrepresentationDenials).toBe(12);
    expect(claims.incompleteFirstSubmissions).toBe(60);
    expect(claims.supplementaryRounds).toBe(90);
    expect(claims.supplementaryRoundsPerCase).toBe(0.375);
    expect(claims.escalations).toBe(40);
    expect(claims.payoutTotalsMinor).toEqual({ CNY: 19_769_000 });
    expect(claims.hoursToAcceptance).toEqual({ count: 240, p50: 2, p90: 2, max: 2 });
    expect(claims.hoursToDecision).toEqual({ count: 240, p50: 48, p90: 96, max: 96 });
    expect(claims.hoursToPayment).toEqual({ count: 192, p50: 120, p90: 168, max: 168 });
    expect(report.basis.events).toBe(seeded);
    expect(report.missing.map((m: { figure: string }) => m.figure)).toContain(
      'consultations: top topics, first-response compliance',
    );
  });

  it("computes 2026-Q1's complaint figures, time limits on the working calendar", async () => {
    const report = JSON.parse((await h.get('analyst', 'reports/2026-Q1')).text);
    const complaints = report.complaints.current;
    expect(complaints.received).toBe(150);
    expect(report.complaints.previous.received).toBe(30);
    expect(complaints.byCategory).toEqual({
      'claim-decision': 50,
      'claim-delay': 50,
      'service-attitude': 50,
    });
    expect(complaints.byChannel).toEqual({ counter: 37, hotline: 38, website: 38, wechat: 37 });
    expect([complaints.accepted, complaints.declined]).toEqual([135, 15]);
    expect(complaints.declineReasons).toEqual({ 'not-a-complaint': 15 });
    expect(complaints.timeLimitCompliance.investigation).toEqual({
      started: 135,
      within: 120,
      late: 15,
      compliance: 0.8889,
    });
    expect(complaints.outcomes).toEqual({ declined: 15, 'not-upheld': 90, upheld: 45 });
    expect(complaints.satisfaction).toEqual({ satisfied: 97, dissatisfied: 38, satisfiedShare: 0.7185 });
    expect(complaints.reevaluations).toBe(38);
    expect(complaints.satisfactionByMonth).toEqual({
      '2026-01': { satisfied: 34, dissatisfied: 14 },
      '2026-02': { satisfied: 31, dissatisfied: 12 },
      '2026-03': { satisfied: 32, dissatisfied: 12 },
    });
    expect(complaints.satisfactionByChannel).toEqual({
      counter: { satisfied: 37, dissatisfied: 0 },
      hotline: { satisfied: 0, dissatisfied: 38 },
      website: { satisfied: 30, dissatisfied: 0 },
      wechat: { satisfied: 30, dissatisfied: 0 },
    });
    expect(complaints.rootCauses).toEqual({ process: 45, product: 45, staff: 45 });
  });

  it('recomputes a report at its recorded positions byte for byte, later events notwithstanding', async () => {
    const first = await h.get('analyst', 'reports/2026-Q1');
    const { positions } = JSON.parse(first.text).basis;
    seeded += (
      await h.publish(claimEvents(7, claimNumber(2026, 900), Q1_START + 100 * 3_600_000, 'cust-late'))
    ).length;
    await h.received(seeded);
    const encoded = Buffer.from(JSON.stringify(positions)).toString('base64url');
    const again = await h.get('auditor', `reports/2026-Q1?positions=${encoded}`);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    const now = JSON.parse((await h.get('analyst', 'reports/2026-Q1')).text);
    expect(now.claims.current.received).toBe(241);
  });

  it('gives the report as CSV and as a printable page with SVG charts', async () => {
    const csv = await h.get('analyst', 'reports/2026-Q1/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('section,figure,key,2026-Q1,2025-Q4');
    expect(csv.text).toContain('claims,byChannel,counter,40,10');
    const page = await h.get('manager', 'reports/2026-Q1/page');
    expect(page.status).toBe(200);
    expect(page.text.match(/<svg class="chart"/g)).toHaveLength(6);
    expect(page.text).toContain('@media print');
  });

  it('closes an ended quarter once; its report is frozen from then on', async () => {
    expect((await h.post('analyst', 'reports/2026-Q2/close')).status).toBe(422);
    const closing = await h.post('analyst', 'reports/2026-Q1/close');
    expect(closing.status).toBe(201);
    const frozen = await h.get('analyst', 'reports/2026-Q1');
    expect(frozen.headers['x-report-closed']).toBe('true');
    seeded += (
      await h.publish(claimEvents(11, claimNumber(2026, 901), Q1_START + 200 * 3_600_000, 'cust-later'))
    ).length;
    await h.received(seeded);
    const after = await h.get('analyst', 'reports/2026-Q1');
    expect(after.text).toBe(frozen.text);
    expect(JSON.parse(after.text).claims.current.received).toBe(241);
    const encoded = Buffer.from(JSON.stringify(JSON.parse(frozen.text).basis.positions)).toString(
      'base64url',
    );
    expect((await h.get('auditor', `reports/2026-Q1?positions=${encoded}`)).text).toBe(frozen.text);
    expect((await h.post('manager', 'reports/2026-Q1/close')).status).toBe(422);
    expect((await h.post('auditor', 'reports/2026-Q1/close')).status).toBe(403);
  });

  it('rebuilds the archive from the received history into exactly the live table', async () => {
    const history = await h.store.events();
    const rebuilt = await foldAll(history, (e) => h.store.reveal(e));
    const live = await h.store.all();
    expect(rebuilt).toEqual(live);
    expect(live.length).toBe(240 + 60 + 150 + 30 + 2);
    expect(live.find((c) => c.number === 'CLM-2026-000006')?.customer?.forgotten).toBe(false);
  });

  it('finds archived cases with the customer masked, or forgotten', async () => {
    const one = await h.get('analyst', 'archive?number=CLM-2026-000001');
    expect(one.status).toBe(200);
    expect(one.body.items).toHaveLength(1);
    const claim = one.body.items[0];
    expect(claim.customer).toEqual({ forgotten: false, name: '李*', phone: '138****5678', id: 'cus*-0' });
    expect(claim).toMatchObject({
      kind: 'claim',
      status: 'closed',
      outcome: 'paid',
      channel: 'counter',
      productLine: 'motor',
      handlerId: 'handler-0',
      supplementaryRounds: 2,
      durations: { accepted: 2, decided: 96, closed: 192, paid: 168, 'payment-instructed': 120 },
    });
    expect(JSON.stringify(one.body)).not.toContain('13812345678');
    await h.vault.forget('cust-5'); // CLM-2026-000006's customer is forgotten; read models that copied personal data are rebuilt
    await h.store.rebuildArchive();
    const forgotten = await h.get('auditor', 'archive?number=CLM-2026-000006');
    expect(forgotten.body.items[0].customer).toEqual({ forgotten: true, name: null, phone: null, id: null });
  });

  it('pages the archive by cursor and filters it', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `archive?kind=claim&productLine=motor&from=2025-12-31T16:00:00Z&to=2026-03-31T16:00:00Z&limit=30${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await h.get('analyst', path);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c: { number: string }) => c.number));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(80); // the later claims (i = 7: health-accident, i = 11: property) are not motor
    expect(new Set(seen).size).toBe(seen.length);
    const denied = await h.get('analyst', 'archive?outcome=denied&from=2026-01-01&to=2026-04-01&limit=100');
    expect(denied.body.items.every((c: { reasonCodes: string[] }) => c.reasonCodes.length === 1)).toBe(true);
    expect((await h.get('analyst', 'archive?cursor=bm9wZQ')).status).toBe(400);
    expect((await h.get('claims-handler', 'archive')).status).toBe(403);
  });

  it('streams the archive as CSV', async () => {
    const csv = await h.get('analyst', 'archive/export?kind=complaint');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0].startsWith('kind,number,policyNumber,customer,status')).toBe(true);
    expect(lines).toHaveLength(1 + 180);
  });

  it("shows an auditor a claim's timeline across services, in causal order", async () => {
    expect((await h.get('analyst', 'timelines/CLM-2026-000001')).status).toBe(403);
    const response = await h.get('auditor', 'timelines/CLM-2026-000001');
    expect(response.status).toBe(200);
    const { events, related } = response.body;
    expect(related).toEqual(['CMP-2026-000001']);
    expect(events[0]).toMatchObject({
      type: 'ClaimSubmitted',
      service: 'intake',
      depth: 0,
      actor: null,
    });
    expect(events[1]).toMatchObject({
      type: 'ClaimAccepted',
      depth: 1,
      actor: 'acceptor-1',
      role: 'claims-acceptor',
    });
    const services = new Set(events.map((e: { service: string }) => e.service));
    expect([...services].sort()).toEqual(['claims-review', 'complaint', 'intake']);
    const approved = events.find((e: { type: string }) => e.type === 'ClaimApproved');
    expect(approved).toMatchObject({ actor: 'handler-0', role: 'handler' });
    const page = await h.get('auditor', 'timelines/CLM-2026-000001/page');
    expect(page.text).toContain('<h1>Timeline of CLM-2026-000001</h1>');
    expect((await h.get('auditor', 'timelines/CLM-2099-000001')).status).toBe(404);
  });
});
