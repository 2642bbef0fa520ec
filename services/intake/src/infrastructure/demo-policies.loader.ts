import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AggregateRepository } from '@claims/event-sourcing';
import { PLATFORM_CONFIG, PlatformConfig } from '@claims/service-host';
import demoPolicies from '../../data/demo-policies.json';
import { Policy, PolicyImport } from '../domain/policy/policy';
import { SYSTEM_ACTOR } from '../domain/vocabulary';
import { POLICIES } from './repositories/intake-repositories';

export const LOAD_DEMO_POLICIES = Symbol('LOAD_DEMO_POLICIES');

/** The embedded platform starts with a realistic demo set of policies (data/demo-policies.json), loaded when absent. */
@Injectable()
export class DemoPoliciesLoader implements OnApplicationBootstrap {
  constructor(
    @Inject(POLICIES) private readonly policies: AggregateRepository<Policy>,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(LOAD_DEMO_POLICIES) private readonly enabled: boolean | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(this.enabled ?? this.config.EVENT_STORE === 'embedded')) return;
    for (const snapshot of demoPolicies.policies as unknown as PolicyImport[]) await this.loadWhenAbsent(snapshot);
  }

  private async loadWhenAbsent(snapshot: PolicyImport): Promise<void> {
    if (await this.policies.find(snapshot.policyNumber)) return;
    const policy = new Policy(snapshot.policyNumber);
    policy.importSnapshot(snapshot);
    const causationId = `demo-policy-${snapshot.policyNumber}-v${snapshot.version}`;
    await this.policies.save(policy, { actor: SYSTEM_ACTOR, correlationId: causationId, causationId });
  }
}
