/**
 * Liveness and readiness. /healthz answers 200 while the process is alive;
 * /readyz answers 200 only when every registered check passes (bus connected,
 * store connected, ...) and says which one fails and why otherwise.
 */
export interface CheckResult {
  ok: boolean;
  detail?: string;
}

export type ReadinessCheck = () => CheckResult | Promise<CheckResult>;

export class HealthRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  unregister(name: string): void {
    this.checks.delete(name);
  }

  async readiness(): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
    const checks: Record<string, CheckResult> = {};
    let ready = true;
    for (const [name, check] of this.checks) {
      let result: CheckResult;
      try {
        result = await check();
      } catch (err) {
        result = { ok: false, detail: err instanceof Error ? err.message : String(err) };
      }
      checks[name] = result;
      if (!result.ok) ready = false;
    }
    return { ready, checks };
  }
}
