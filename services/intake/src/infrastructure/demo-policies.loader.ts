import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PLATFORM_CONFIG, PlatformConfig } from '@claims/service-host';
import demoPolicies from '../../data/demo-policies.json';
import { CLOCK, Clock, POLICIES, Policies } from '../application/ports';
import { PolicyImport, importPolicySnapshot } from '../domain/policy/import-policy-snapshot';
import { SYSTEM_ACTOR } from '../domain/vocabulary';

export const LOAD_DEMO_POLICIES = Symbol('LOAD_DEMO_POLICIES');

/** The embedded platform starts with a realistic demo set of policies (data/demo-policies.json), loaded when absent. */
@Injectable()
export class DemoPoliciesLoader implements OnApplicationBootstrap {
  constructor(
    @Inject(POLICIES) private readonly policies: Policies,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(LOAD_DEMO_POLICIES) private readonly enabled: boolean | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(this.enabled ?? this.config.EVENT_STORE === 'embedded')) return;
    for (const snapshot of demoPolicies.policies as unknown as PolicyImport[])
      await this.loadWhenAbsent(snapshot);
  }

  private async loadWhenAbsent(policy: PolicyImport): Promise<void> {
    const { state, revision } = await this.policies.read(policy.policyNumber);
    if (state.status !== 'not-imported') return;
    const causationId = `demo-policy-${policy.policyNumber}-v${policy.version}`;
    const events = importPolicySnapshot(state, { policy, now: this.clock.now() });
    await this.policies.append(policy.policyNumber, events, revision, {
      actor: SYSTEM_ACTOR,
      correlationId: causationId,
      causationId,
    });
  }
}
