/**
 * Whether background polling may talk to the platform now: signed in, online and awake. The
 * shell (power monitor, online events) and the session service set the conditions; the poller
 * pauses while any is false and runs at once when all become true again.
 */
export type GateCondition = 'signedIn' | 'online' | 'awake';

export interface PollGate {
  readonly open: boolean;
  subscribe(listener: (open: boolean) => void): () => void;
}

export class ConditionGate implements PollGate {
  private readonly conditions: Record<GateCondition, boolean>;
  private readonly listeners = new Set<(open: boolean) => void>();

  constructor(initial: Partial<Record<GateCondition, boolean>> = {}) {
    this.conditions = { signedIn: false, online: true, awake: true, ...initial };
  }

  get open(): boolean {
    return this.conditions.signedIn && this.conditions.online && this.conditions.awake;
  }

  set(condition: GateCondition, value: boolean): void {
    const before = this.open;
    this.conditions[condition] = value;
    if (this.open !== before) for (const listener of [...this.listeners]) listener(this.open);
  }

  subscribe(listener: (open: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
