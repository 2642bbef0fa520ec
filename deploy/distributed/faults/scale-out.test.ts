/**
 * Scale-out: two instances of claims review on different ports, one PostgreSQL (the same
 * schemas) and one Kafka consumer group. Intake's submitted claims are consumed once between
 * them (one review case each); the same command for the same case sent to both instances at once
 * ends in one success and one refusal, 409 when both decided on the same revision (optimistic
 * concurrency) or 422 when one already saw the other's change, never two successes and never a
 * lost update. Only one instance's relay publishes (the other stands by): no event is on the
 * topic twice. Skipped without PostgreSQL or Java, except under CI=true.
 */
import { ClaimTraffic } from './claim-traffic';
import { Kafka, logLevel } from 'kafkajs';
import { Platform, delay, infrastructureAvailable, readAll, send } from './cluster';

const describeScaleOut = infrastructureAvailable() ? describe : describe.skip;

describeScaleOut('scale-out: two claims-review instances sharing PostgreSQL and the consumer group', () => {
  let platform: Platform;
  let traffic: ClaimTraffic;

  beforeAll(async () => {
    platform = await Platform.create();
    await (await platform.add('intake')).start();
    // one after the other: the second finds the schemas made (the first takes the schema lock)
    await (await platform.add('claims-review', 'claims-review-1')).start();
    await (await platform.add('claims-review', 'claims-review-2')).start();
    traffic = new ClaimTraffic(platform, platform.get('intake'), platform.get('claims-review-1'), 100, false);
    await traffic.importPolicy();
  }, 300_000);

  afterAll(async () => {
    await traffic?.stop().catch(() => undefined);
    await platform?.destroy();
  }, 120_000);

  it('consumes each submitted claim once, and a command sent to both instances at once succeeds once', async () => {
    const started = Date.now();
    traffic.start(2);
    while (traffic.ledger.submitted.size < 12) await delay(200);
    await traffic.stop();
    const claims = [...traffic.ledger.submitted.keys()];
    const history = platform.schema('claims-review', '_history');
    for (;;) {
      const [{ opened }] = await platform.query<{ opened: string }>(
        `SELECT count(DISTINCT stream_id) AS opened FROM ${history}.events WHERE type = 'ReviewCaseOpened'`,
      );
      if (Number(opened) >= claims.length) break;
      if (Date.now() - started > 120_000)
        throw new Error(`only ${opened} of ${claims.length} review cases opened`);
      await delay(200);
    }
    const opened = await platform.query<{ stream_id: string; n: string }>(
      `SELECT stream_id, count(*) AS n FROM ${history}.events WHERE type = 'ReviewCaseOpened' GROUP BY stream_id`,
    );
    expect(opened).toHaveLength(claims.length);
    expect(opened.filter((r) => Number(r.n) !== 1)).toEqual([]);
    const consumed = await platform.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${platform.schema('claims-review')}.processed_message`,
    );
    const topicMessages = claims.length; // intake publishes one ClaimSubmitted per claim (and nothing else claims review follows)
    expect(Number(consumed[0].n)).toBeGreaterThanOrEqual(topicMessages);

    // the same acceptance, at once, to both instances
    const [one, two] = [platform.get('claims-review-1'), platform.get('claims-review-2')];
    const outcomes: string[] = [];
    for (const claimId of claims) {
      const accept = async (url: string, acceptor: string) =>
        send(`${url}/api/v1/claims-review/cases/${claimId}/acceptance`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await platform.token('claims-acceptor', acceptor)}` },
        });
      await Promise.all([
        platform.token('claims-acceptor', 'acceptor-1'),
        platform.token('claims-acceptor', 'acceptor-2'),
      ]);
      const answers = await Promise.all([accept(one.url, 'acceptor-1'), accept(two.url, 'acceptor-2')]);
      const statuses = answers.map((a) => a?.status ?? 0).sort();
      outcomes.push(statuses.join('/'));
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect([409, 422]).toContain(statuses.find((s) => s !== 200));
    }
    const conflicts = outcomes.filter((o) => o.includes('409')).length;
    console.log(
      `[scale-out] ${claims.length} claims consumed once across two instances; simultaneous acceptances: ` +
        `${conflicts} ended 200/409 (same revision), ${claims.length - conflicts} ended 200/422 (the second saw the first); ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(conflicts).toBeGreaterThan(0);

    // never a lost update: one acceptance per case in the history, and the read model agrees with it
    const accepted = await platform.query<{ stream_id: string; n: string; by: string }>(
      `SELECT stream_id, count(*) AS n, min(actor->>'id') AS by FROM ${history}.events WHERE type = 'ClaimAccepted' GROUP BY stream_id`,
    );
    expect(accepted).toHaveLength(claims.length);
    expect(accepted.filter((r) => Number(r.n) !== 1)).toEqual([]);
    const acceptedBy = new Map(
      accepted.map((r) => [r.stream_id.replace(/^[a-z-]+?-(?=[0-9a-f]{8}-)/, ''), r.by]),
    );
    for (const claimId of claims) {
      for (let attempt = 0; ; attempt++) {
        const view = await send(`${two.url}/api/v1/claims-review/cases/${claimId}`, {
          headers: { authorization: `Bearer ${await platform.token('claims-acceptor', 'acceptor-1')}` },
        });
        const status = (view?.body as { status?: string })?.status;
        if (status !== 'awaiting-acceptance' || attempt > 40) {
          expect({ claimId, status }).not.toEqual({ claimId, status: 'awaiting-acceptance' });
          break;
        }
        await delay(250);
      }
    }
    expect([...acceptedBy.values()].every((by) => by === 'acceptor-1' || by === 'acceptor-2')).toBe(true);

    // one relay published: every claims-review event is on its topic once
    await delay(2_000);
    const kafka = new Kafka({
      clientId: 'scale-out',
      brokers: [platform.kafka.brokers],
      logLevel: logLevel.NOTHING,
    });
    const ids = (await readAll(kafka, 'claims-platform.claims-review')).map(
      (m) => (JSON.parse(m.value?.toString('utf8') ?? '{}') as { id?: string }).id,
    );
    expect(ids.length).toBeGreaterThanOrEqual(claims.length * 2); // opened and accepted, at least
    expect(ids.length - new Set(ids).size).toBe(0);
  }, 600_000);
});
