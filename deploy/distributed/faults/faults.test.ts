/**
 * The fault suite: the five services as real processes on PostgreSQL and a real Kafka broker of
 * the suite's own, with claims flowing (reported, documented and submitted on intake, accepted
 * on claims review). (a) Each service in turn is killed with SIGKILL and restarted; (b) the
 * broker is stopped for 20 s and started again; (c) PostgreSQL (a private cluster) crashes and is
 * restarted mid-load; (d) every published message is delivered again, twice, in reverse order.
 * After each: no acknowledged command is lost, no
 * effect is applied twice (counted in the histories), the read models equal a rebuild from the
 * histories (REBUILD_READ_MODELS=true), and the catch-up times are printed. Skipped without
 * PostgreSQL or Java, except under CI=true. Run with `npm run test:distributed`.
 */
import { Kafka, logLevel } from 'kafkajs';
import { ClaimTraffic } from './claim-traffic';
import { Health, Platform, ServiceProcess, delay, infrastructureAvailable, readAll } from './cluster';

const SERVICES = ['intake', 'claims-review', 'complaint', 'notification', 'analytics'];
/** The services with read models to compare with a rebuild (their tables are found in their schema). */
const WITH_READ_MODELS = ['intake', 'claims-review'];

const describeFaults = infrastructureAvailable() ? describe : describe.skip;

describeFaults('fault suite: real processes, real broker, real PostgreSQL', () => {
  let platform: Platform;
  let traffic: ClaimTraffic;
  const report: string[] = [];
  const say = (line: string) => {
    report.push(line);
    process.stdout.write(`[faults] ${line}\n`);
  };

  beforeAll(async () => {
    const started = Date.now();
    platform = await Platform.create({ privatePostgres: true });
    for (const name of SERVICES) await (await platform.add(name)).start();
    traffic = new ClaimTraffic(platform, platform.get('intake'), platform.get('claims-review'));
    await traffic.importPolicy();
    say(`broker and five services up in ${seconds(Date.now() - started)}`);
  }, 300_000);

  afterAll(async () => {
    await traffic?.stop().catch(() => undefined);
    await platform?.destroy();
    if (report.length) console.log(`fault suite:\n  ${report.join('\n  ')}`);
  }, 120_000);

  /** Global position of the newest event in a service's history (0 when it has none). */
  const head = async (service: string) =>
    Number(
      (
        await platform.query<{ head: string | null }>(
          `SELECT max(global_position) AS head FROM ${platform.schema(service, '_history')}.events`,
        )
      )[0].head ?? 0,
    );

  /**
   * Resolves once the service's relay has published its history up to `position`; the time it
   * took. (Its projections need no wait: a service answers /health only after they caught up.)
   */
  const caughtUp = async (
    service: string,
    position: number,
    since: number,
    timeoutMs = 120_000,
  ): Promise<number> => {
    for (;;) {
      const relay = await platform
        .query<{ position: string }>(`SELECT position FROM ${platform.schema(service)}.relay_checkpoint`)
        .catch(() => []);
      const positions = relay.map((r) => Number(r.position));
      if (positions.every((p) => p >= position)) return Date.now() - since;
      if (Date.now() - since > timeoutMs)
        throw new Error(`${service}'s relay did not catch up to ${position}: ${positions.join(', ')}`);
      await delay(100);
    }
  };

  /** Claims review has opened a case for every claim acknowledged as submitted; the time it took. */
  const reviewHasEverySubmission = async (since: number, timeoutMs = 120_000): Promise<number> => {
    const expected = traffic.ledger.submitted.size;
    for (;;) {
      const [{ opened }] = await platform.query<{ opened: string }>(
        `SELECT count(DISTINCT stream_id) AS opened FROM ${platform.schema('claims-review', '_history')}.events WHERE type = 'ReviewCaseOpened'`,
      );
      if (Number(opened) >= expected) return Date.now() - since;
      if (Date.now() - since > timeoutMs)
        throw new Error(`claims review opened ${opened} of ${expected} submitted claims`);
      await delay(100);
    }
  };

  /** Every acknowledged command is in a history exactly once, and nothing is there twice. */
  const assertNothingLostNothingTwice = async () => {
    const count = async (service: string, type: string) =>
      platform.query<{ stream_id: string; n: string }>(
        `SELECT stream_id, count(*) AS n FROM ${platform.schema(service, '_history')}.events WHERE type = $1 GROUP BY stream_id`,
        [type],
      );
    const { submitted, accepted } = traffic.ledger;
    const streams = (rows: { stream_id: string }[]) =>
      rows.map((r) => r.stream_id.replace(/^[a-z-]+?-(?=[0-9a-f]{8}-)/, ''));
    for (const [service, type, expected] of [
      ['intake', 'ClaimReported', submitted],
      ['intake', 'ClaimSubmitted', submitted],
      ['claims-review', 'ReviewCaseOpened', submitted],
      ['claims-review', 'ClaimAccepted', accepted],
    ] as const) {
      const rows = await count(service, type);
      expect({ type, twice: rows.filter((r) => Number(r.n) !== 1).map((r) => r.stream_id) }).toEqual({
        type,
        twice: [],
      });
      expect({ type, lost: [...expected.keys()].filter((id) => !streams(rows).includes(id)) }).toEqual({
        type,
        lost: [],
      });
      // reported claims that were never submitted would show here as extra streams
      expect({ type, extra: streams(rows).filter((id) => !expected.has(id)) }).toEqual({ type, extra: [] });
    }
    const documents = await count('intake', 'DocumentUploaded');
    expect(documents.filter((r) => Number(r.n) !== 4)).toEqual([]);
    expect(documents).toHaveLength(submitted.size);
    const numbers = [...submitted.values()].filter(Boolean);
    expect(new Set(numbers).size).toBe(numbers.length);
  };

  /** intake's and claims review's read models, dumped, then rebuilt from the histories and dumped again. */
  const assertReadModelsEqualRebuild = async () => {
    for (const service of WITH_READ_MODELS) {
      const before = await platform.readModels(service);
      const instance = platform.get(service);
      await instance.stop();
      const rebuiltIn = await instance.start({ REBUILD_READ_MODELS: 'true' }); // healthy = projections replayed
      const after = await platform.readModels(service);
      expect(Object.keys(after)).toEqual(Object.keys(before));
      expect(Object.keys(before).length).toBeGreaterThan(0);
      for (const table of Object.keys(before)) {
        expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
      }
      await instance.stop();
      await instance.start();
      say(
        `${service}: read models equal a rebuild from history (${Object.values(before).flat().length} rows, rebuilt in ${seconds(rebuiltIn)})`,
      );
    }
  };

  /** Notes every health component of the services that goes down, and when it first did. */
  const watchHealth = (services: ServiceProcess[]) => {
    const seen = new Map<string, number>(); // "service component" -> first time seen down
    let watching = true;
    const watch = (async () => {
      while (watching) {
        for (const service of services) {
          const health: Health | null = await service.health().catch(() => null);
          for (const [component, state] of Object.entries(health?.services[service.name]?.components ?? {})) {
            if (state === 'down' && !seen.has(`${service.name} ${component}`))
              seen.set(`${service.name} ${component}`, Date.now());
          }
        }
        await delay(250);
      }
    })();
    return {
      downSince: (since: number) => [...seen].filter(([, at]) => at >= since).map(([name]) => name),
      stop: async () => {
        watching = false;
        await watch;
      },
    };
  };

  /** Resolves once every one of the services answers /health up; the time since `since`. */
  const allUp = async (services: ServiceProcess[], since: number, timeoutMs = 120_000): Promise<number> => {
    for (const service of services) {
      while ((await service.health().catch(() => null))?.status !== 'up') {
        if (Date.now() - since > timeoutMs) throw new Error(`${service.name} not up again`);
        await delay(100);
      }
    }
    return Date.now() - since;
  };

  it('(a) kill -9 each service in turn while claims flow: nothing lost, nothing twice, read models = rebuild', async () => {
    const started = Date.now();
    traffic.start(2);
    await delay(4_000);
    for (const name of SERVICES) {
      const service = platform.get(name);
      await delay(2_000);
      await service.kill9();
      await delay(1_500); // down while the agents keep sending
      const restarted = Date.now();
      const healthyIn = await service.start();
      const position = await head(name);
      const caughtUpIn = await caughtUp(name, position, restarted);
      const reviewIn =
        name === 'claims-review' || name === 'intake' ? await reviewHasEverySubmission(restarted) : null;
      say(
        `kill -9 ${name}: healthy ${seconds(healthyIn)} after restart, relay caught up in ${seconds(caughtUpIn)}` +
          (reviewIn === null ? '' : `, every submitted claim in review after ${seconds(reviewIn)}`),
      );
    }
    await delay(2_000);
    await traffic.stop();
    await reviewHasEverySubmission(Date.now());
    const { submitted, accepted, retries, appliedBeforeAnswerLost } = traffic.ledger;
    say(
      `(a) ${submitted.size} claims submitted and ${accepted.size} accepted; ${retries} retries; ${appliedBeforeAnswerLost.length} retries found their first attempt applied${appliedBeforeAnswerLost.length ? ` (${appliedBeforeAnswerLost.join(', ')})` : ''}`,
    );
    expect(submitted.size).toBeGreaterThan(5);
    expect(accepted.size).toBe(submitted.size);
    await assertNothingLostNothingTwice();
    await assertReadModelsEqualRebuild();
    say(`(a) took ${seconds(Date.now() - started)}`);
  }, 600_000);

  it('(b) the broker stopped for 20 s mid-load: /health shows it, everything resumes, nothing lost or twice', async () => {
    const started = Date.now();
    const intake = platform.get('intake');
    const review = platform.get('claims-review');
    const health = watchHealth([intake, review]);
    traffic.start(2);
    await delay(4_000);
    const submittedBefore = traffic.ledger.submitted.size;
    const stoppedAt = Date.now();
    platform.kafka.stop();
    await delay(Math.max(0, 20_000 - (Date.now() - stoppedAt)));
    const downDuringOutage = health.downSince(stoppedAt);
    const restartAt = Date.now();
    platform.kafka.start();
    const brokerBackIn = Date.now() - restartAt;
    say(
      `broker stopped for ${seconds(restartAt - stoppedAt)} (started again in ${seconds(brokerBackIn)}); /health showed down: ${downDuringOutage.join(', ') || 'nothing'}`,
    );
    await delay(3_000);
    await traffic.stop();
    const reviewIn = await reviewHasEverySubmission(restartAt, 180_000);
    const intakeIn = await caughtUp('intake', await head('intake'), restartAt);
    const reviewRelayIn = await caughtUp('claims-review', await head('claims-review'), restartAt);
    const allUpIn = await allUp([intake, review], restartAt);
    await health.stop();
    const { submitted, accepted } = traffic.ledger;
    say(
      `(b) ${submitted.size - submittedBefore} more claims submitted around the outage; after the broker came back: every submitted claim in review ${seconds(reviewIn)}, ` +
        `intake's relay ${seconds(intakeIn)}, claims review's relay ${seconds(reviewRelayIn)}, /health up again ${seconds(allUpIn)}`,
    );
    expect(downDuringOutage.some((c) => / (bus|relay)$/.test(c))).toBe(true);
    // kafkajs reconnects inside a consumer without stopping it: silence from the broker shows it down
    expect(downDuringOutage).toEqual(
      expect.arrayContaining([
        'claims-review consumer:intake-claims',
        'intake consumer:claims-review-progress',
      ]),
    );
    expect(accepted.size).toBe(submitted.size);
    await assertNothingLostNothingTwice();
    await assertReadModelsEqualRebuild();
    say(`(b) took ${seconds(Date.now() - started)}`);
  }, 600_000);

  it('(c) PostgreSQL crashes mid-load and restarts: /health shows it, everything resumes, nothing lost or twice', async () => {
    const started = Date.now();
    const postgres = platform.postgres;
    if (!postgres) throw new Error('the fault suite runs on a private PostgreSQL cluster');
    const services = SERVICES.map((name) => platform.get(name));
    const health = watchHealth(services);
    traffic.start(2);
    await delay(4_000);
    const submittedBefore = traffic.ledger.submitted.size;
    const stoppedAt = Date.now();
    postgres.stop('immediate');
    await delay(Math.max(0, 10_000 - (Date.now() - stoppedAt)));
    const downDuringOutage = health.downSince(stoppedAt);
    const restartAt = Date.now();
    postgres.start();
    say(
      `PostgreSQL crashed (pg_ctl stop -m immediate) for ${seconds(restartAt - stoppedAt)}, back in ${seconds(Date.now() - restartAt)}; /health showed down: ${downDuringOutage.join(', ') || 'nothing'}`,
    );
    await delay(3_000);
    await traffic.stop();
    const reviewIn = await reviewHasEverySubmission(restartAt, 180_000);
    const intakeIn = await caughtUp('intake', await head('intake'), restartAt);
    const reviewRelayIn = await caughtUp('claims-review', await head('claims-review'), restartAt);
    const allUpIn = await allUp(services, restartAt);
    await health.stop();
    const { submitted, accepted, retries } = traffic.ledger;
    say(
      `(c) ${submitted.size - submittedBefore} more claims submitted around the crash (${retries} retries so far); after the restart: every submitted claim in review ${seconds(reviewIn)}, ` +
        `intake's relay ${seconds(intakeIn)}, claims review's relay ${seconds(reviewRelayIn)}, /health up again ${seconds(allUpIn)}`,
    );
    expect(SERVICES.filter((name) => !downDuringOutage.some((c) => c.startsWith(`${name} `)))).toEqual([]);
    expect(accepted.size).toBe(submitted.size);
    await assertNothingLostNothingTwice();
    await assertReadModelsEqualRebuild();
    say(`(c) took ${seconds(Date.now() - started)}`);
  }, 600_000);

  it('(d) every published message delivered again, twice, in reverse order: no effect applied twice', async () => {
    const started = Date.now();
    const kafka = new Kafka({
      clientId: 'fault-suite',
      brokers: [platform.kafka.brokers],
      logLevel: logLevel.NOTHING,
    });
    const topics = ['claims-platform.intake', 'claims-platform.claims-review'];
    const groups = ['claims-review.intake-claims', 'intake.claims-review-progress'];
    await waitForNoLag(kafka, groups, topics);
    const before = {
      intake: await platform.readModels('intake'),
      review: await platform.readModels('claims-review'),
    };
    const histories = { intake: await head('intake'), review: await head('claims-review') };
    let redelivered = 0;
    for (const topic of topics) {
      const messages = await readAll(kafka, topic);
      const again = [...messages].reverse();
      const producer = kafka.producer();
      await producer.connect();
      for (const copy of [again, again]) {
        await producer.send({ topic, messages: copy });
        redelivered += copy.length;
      }
      await producer.disconnect();
    }
    const lagZeroIn = await waitForNoLag(kafka, groups, topics);
    // Consumed: nothing new in any history, no read-model row changed.
    expect({ intake: await head('intake'), review: await head('claims-review') }).toEqual(histories);
    expect(await platform.readModels('intake')).toEqual(before.intake);
    expect(await platform.readModels('claims-review')).toEqual(before.review);
    await assertNothingLostNothingTwice();
    say(
      `(d) ${redelivered} messages delivered again (each twice, newest first): consumed in ${seconds(lagZeroIn)}, nothing applied twice; took ${seconds(Date.now() - started)}`,
    );
  }, 300_000);
});

/** Waits until each consumer group committed every topic's end offset; how long that took. */
async function waitForNoLag(
  kafka: Kafka,
  groups: string[],
  topics: string[],
  timeoutMs = 120_000,
): Promise<number> {
  const started = Date.now();
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let i = 0; i < groups.length; i++) {
      const ends = await admin.fetchTopicOffsets(topics[i]);
      for (;;) {
        const [committed] = await admin.fetchOffsets({ groupId: groups[i], topics: [topics[i]] });
        const behind = ends.filter(
          (end) =>
            Number(committed.partitions.find((p) => p.partition === end.partition)?.offset ?? -1) <
            Number(end.high),
        );
        if (behind.length === 0) break;
        if (Date.now() - started > timeoutMs) throw new Error(`${groups[i]} still behind on ${topics[i]}`);
        await delay(200);
      }
    }
    return Date.now() - started;
  } finally {
    await admin.disconnect();
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
