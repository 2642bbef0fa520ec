import { EventEnvelope } from './envelope';

export type Upcast = (data: Record<string, unknown>, event: EventEnvelope) => Record<string, unknown>;

/**
 * Turns events stored under an old schema version into the current shape as they are read,
 * so stored history is never rewritten. One step per version: v1 -> v2 -> v3 ...
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcast>();

  register(type: string, fromVersion: number, upcast: Upcast): this {
    const key = `${type}@${fromVersion}`;
    if (this.steps.has(key)) throw new Error(`Upcaster for ${key} is already registered`);
    this.steps.set(key, upcast);
    return this;
  }

  upcast<D>(event: EventEnvelope): EventEnvelope<D> {
    let current = event;
    for (let step = this.steps.get(`${current.type}@${current.schemaVersion}`); step;) {
      current = {
        ...current,
        data: step(current.data as Record<string, unknown>, current),
        schemaVersion: current.schemaVersion + 1,
      };
      step = this.steps.get(`${current.type}@${current.schemaVersion}`);
    }
    return current as EventEnvelope<D>;
  }
}
