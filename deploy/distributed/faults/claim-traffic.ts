/**
 * Claims flowing through the platform as clients would send them, for the fault suites: agents
 * report motor claims on intake, upload the required documents, submit them; an acceptor
 * accepts each review case once claims review opened it (over Kafka). Every command carries an
 * Idempotency-Key and is retried, as a careful client does, until it is answered: no answer,
 * 5xx and 409 (in progress, concurrent change) are retried; the first 2xx acknowledges it. A 422
 * on a retry means the first attempt was applied before its answer was lost (recorded apart).
 */
import { randomUUID } from 'node:crypto';
import { Answer, Platform, ServiceProcess, delay, send } from './cluster';

export const MOTOR_REQUIRED_DOCUMENTS = [
  'accident-report',
  'scene-photos',
  'repair-estimate',
  'driving-licence',
];

export interface Ledger {
  /** Claims whose report, documents and submission were acknowledged (claim id -> number). */
  readonly submitted: Map<string, string>;
  /** Claims whose acceptance was acknowledged. */
  readonly accepted: Set<string>;
  /** Commands retried (no answer, 5xx, 409) before they were answered. */
  retries: number;
  /** Retries answered 422: the first attempt had been applied, its answer lost. */
  readonly appliedBeforeAnswerLost: string[];
}

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

export class ClaimTraffic {
  readonly ledger: Ledger = {
    submitted: new Map(),
    accepted: new Set(),
    retries: 0,
    appliedBeforeAnswerLost: [],
  };
  readonly policyNumber = `MOT-2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
  private readonly run = randomUUID().slice(0, 8);
  private stopping = false;
  private agents: Promise<void>[] = [];
  private sequence = 0;

  constructor(
    private readonly platform: Platform,
    private readonly intake: ServiceProcess,
    private readonly review: ServiceProcess,
    private readonly pauseMs = 300,
    /** false: stop at submission (the caller accepts the review cases itself). */
    private readonly accept = true,
  ) {}

  async importPolicy(): Promise<void> {
    const answer = await this.command(`${this.intake.url}/api/v1/policies`, 'admin', `policy-${this.run}`, {
      policyNumber: this.policyNumber,
      version: 1,
      productLine: 'motor',
      holder: { customerId: 'cust-fault-1', name: 'Chen Jie', phone: '+86 138 0000 2001' },
      insuredPersons: [{ personId: 'cust-fault-1', name: 'Chen Jie' }],
      coverStart: '2025-01-01',
      coverEnd: '2030-12-31',
      sumInsured: cny(50_000_000),
      deductible: cny(100_000),
      coverageRatioPercent: 80,
      coveredPerils: ['collision'],
      exclusions: ['drunk-driving'],
      status: 'in-force',
    });
    if (answer.status !== 201)
      throw new Error(`policy import answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }

  /** Starts `agents` loops, each carrying one claim at a time from report to acceptance. */
  start(agents = 2): void {
    this.stopping = false;
    for (let i = 0; i < agents; i++) this.agents.push(this.agent(`agent-${i + 1}`));
  }

  /** Lets every claim in flight finish (through acceptance), then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.agents);
    this.agents = [];
  }

  private async agent(agentId: string): Promise<void> {
    while (!this.stopping) {
      await this.oneClaim(agentId, ++this.sequence);
      await delay(this.pauseMs);
    }
  }

  private async oneClaim(agentId: string, n: number): Promise<void> {
    const key = `${this.run}-${n}`;
    const api = `${this.intake.url}/api/v1`;
    const occurredAt = new Date(Date.now() - 24 * 3600_000).toISOString();
    const reported = await this.command(
      `${api}/claims`,
      'customer-service',
      `report-${key}`,
      {
        policyNumber: this.policyNumber,
        insuredPersonId: 'cust-fault-1',
        accident: {
          occurredAt,
          place: 'Nanjing Road',
          cause: 'collision',
          description: 'Rear-ended at a junction',
          lossKind: 'vehicle-damage',
        },
        estimatedLoss: cny(6_000_000),
        claimant: { name: 'Chen Jie', phone: '+86 138 0000 2001' },
        feedbackChannel: 'sms',
        channel: 'hotline',
      },
      agentId,
    );
    const claimId = (reported.body as { claimId: string }).claimId;
    for (const kind of MOTOR_REQUIRED_DOCUMENTS) {
      const form = () => {
        const data = new FormData();
        data.set('kind', kind);
        data.set(
          'file',
          new Blob([`%PDF-1.4\n${kind} ${claimId}\n%%EOF`], { type: 'application/pdf' }),
          `${kind}.pdf`,
        );
        return data;
      };
      await this.command(
        `${api}/claims/${claimId}/documents`,
        'customer-service',
        `upload-${key}-${kind}`,
        form,
        agentId,
      );
    }
    const submitted = await this.command(
      `${api}/claims/${claimId}/submission`,
      'customer-service',
      `submit-${key}`,
      undefined,
      agentId,
    );
    this.ledger.submitted.set(claimId, (submitted.body as { claimNumber?: string })?.claimNumber ?? '');
    if (!this.accept) return;
    // claims review opens the case when intake's ClaimSubmitted reaches it over Kafka
    const caseUrl = `${this.review.url}/api/v1/claims-review/cases/${claimId}`;
    const deadline = Date.now() + 180_000;
    for (;;) {
      const found = await send(caseUrl, {
        headers: { authorization: `Bearer ${await this.platform.token('claims-acceptor')}` },
      });
      if (found?.status === 200) break;
      if (Date.now() > deadline)
        throw new Error(`no review case for submitted claim ${claimId} after 180 s (last: ${found?.status})`);
      await delay(250);
    }
    await this.command(`${caseUrl}/acceptance`, 'claims-acceptor', `accept-${key}`, undefined);
    this.ledger.accepted.add(claimId);
  }

  /** A POST with an Idempotency-Key, retried until answered; the 2xx (or a 422 on a retry). */
  private async command(
    url: string,
    role: string,
    idempotencyKey: string,
    body: unknown | (() => FormData),
    subject?: string,
  ): Promise<Answer> {
    const deadline = Date.now() + 180_000;
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${await this.platform.token(role, subject)}`,
        'idempotency-key': idempotencyKey,
      };
      let payload: FormData | string | undefined;
      if (typeof body === 'function') payload = (body as () => FormData)();
      else if (body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      const answer = await send(url, { method: 'POST', headers, body: payload });
      if (answer && answer.status >= 200 && answer.status < 300) return answer;
      if (answer && answer.status === 422 && attempt > 1) {
        this.ledger.appliedBeforeAnswerLost.push(
          `${idempotencyKey}: ${(answer.body as { code?: string })?.code}`,
        );
        return answer;
      }
      const retryable = !answer || answer.status >= 500 || answer.status === 409;
      if (!retryable)
        throw new Error(`POST ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      if (Date.now() > deadline)
        throw new Error(`POST ${url} not answered after 180 s (last: ${answer?.status ?? 'no answer'})`);
      this.ledger.retries++;
      await delay(300);
    }
  }
}
