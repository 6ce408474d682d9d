import { createHash, randomUUID } from 'node:crypto';
import { promises as fs, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import { Topics } from '../../core/bus/topics';
import type { EventBus } from '../../core/bus/typed-bus';
import type { AlertEvent } from '../../core/model/alert-event';
import type { AuditEntry } from '../../core/model/audit-entry';
import type { SensorReading } from '../../core/model/reading';
import { runBacktest, type RuleSummary, type ScorerFactory } from '../../engine/backtest/backtest';
import type { BacktestDiff } from '../../engine/backtest/backtest-diff';
import { loadRuleDirectory, loadRuleText, NON_RULE_FILES } from '../../engine/rules/loader';
import type { RuleError } from '../../engine/rules/rule-error';
import { lineDiff } from './line-diff';

export interface RuleFile {
  file: string;
  text: string;
  /** sha256 of the text: the save must name the version it was edited from. */
  version: string;
}

export interface Validation {
  ok: boolean;
  ruleIds: string[];
  errors: RuleError[];
}

/** One alert event on the backtest timeline. */
export interface TimelineEvent {
  ruleId: string;
  subject: string;
  incidentKey: string;
  kind: AlertEvent['kind'];
  level: number;
  at: number;
}

export interface WorkbenchBacktest {
  readings: number;
  from: number | null;
  to: number | null;
  validation: Validation;
  base: { events: TimelineEvent[]; summary: RuleSummary[] };
  edited: { events: TimelineEvent[]; summary: RuleSummary[] };
  diff: { gained: TimelineEvent[]; lost: TimelineEvent[]; shifted: BacktestDiff['shifted']; leadTimes: BacktestDiff['leadTimes'] };
}

export class RuleSaveError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    readonly errors: RuleError[] = [],
  ) {
    super(message);
  }
}

const FILE_NAME = /^[a-z0-9][a-z0-9._-]{0,80}\.ya?ml$/;

const timeline = (e: AlertEvent): TimelineEvent => ({ ruleId: e.ruleId, subject: e.subject, incidentKey: e.incidentKey, kind: e.kind, level: e.level, at: e.at });

export function versionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The analysts' rule workbench: read the rule files, validate an edited file as the engine
 * would load it, replay recorded readings through the rules in force and through the rules
 * with the edit, and save (atomically, with an audit line naming who changed what).
 * The engine's rule watcher picks the saved file up like any other change.
 */
export class RuleWorkbench {
  constructor(
    private readonly deps: {
      rulesDir: string;
      catalogue: CatalogueIndex;
      events: EventBus;
      scorers: ScorerFactory;
      allowedLatenessMs: number;
      readings: () => Promise<SensorReading[]>;
      now: () => number;
    },
  ) {}

  checkName(file: string): void {
    if (!FILE_NAME.test(file) || NON_RULE_FILES.has(file)) throw new RuleSaveError(400, `"${file}" is not a rule file name (lower-case letters, digits, . _ -, ending .yaml).`);
  }

  list(): string[] {
    return readdirSync(this.deps.rulesDir)
      .filter((f) => FILE_NAME.test(f) && !NON_RULE_FILES.has(f))
      .sort();
  }

  async read(file: string): Promise<RuleFile> {
    this.checkName(file);
    let text: string;
    try {
      text = await fs.readFile(join(this.deps.rulesDir, file), 'utf8');
    } catch {
      throw new RuleSaveError(404, `There is no rule file ${file}.`);
    }
    return { file, text, version: versionOf(text) };
  }

  /** Validates the edited file and its rule ids against the other files (duplicates). */
  validate(file: string, text: string): Validation {
    this.checkName(file);
    const res = loadRuleText(text, file, this.deps.catalogue);
    const errors = [...res.errors];
    const others = loadRuleDirectory(this.deps.rulesDir, this.deps.catalogue).rules.filter((r) => r.source?.file !== file);
    const taken = new Map(others.map((r) => [r.id, r.source?.file ?? '?']));
    for (const r of res.rules) {
      const where = taken.get(r.id);
      if (where) errors.push({ file, line: r.source?.line ?? 0, column: 1, field: 'id', ruleId: r.id, message: `duplicate rule id "${r.id}" (also in ${where})` });
    }
    return { ok: errors.length === 0, ruleIds: res.rules.map((r) => r.id), errors };
  }

  async backtest(file: string, text: string): Promise<WorkbenchBacktest> {
    const validation = this.validate(file, text);
    const inForce = loadRuleDirectory(this.deps.rulesDir, this.deps.catalogue).rules;
    const edited = [...inForce.filter((r) => r.source?.file !== file), ...loadRuleText(text, file, this.deps.catalogue).rules];
    const readings = await this.deps.readings();
    const result = runBacktest({ readings, rules: inForce, compareRules: edited, catalogue: this.deps.catalogue, scorers: this.deps.scorers, allowedLatenessMs: this.deps.allowedLatenessMs });
    const diff = result.diff!;
    return {
      readings: result.readings,
      from: result.from,
      to: result.to,
      validation,
      base: { events: result.base.alertEvents.map(timeline), summary: result.base.summary },
      edited: { events: result.compare!.alertEvents.map(timeline), summary: result.compare!.summary },
      diff: { gained: diff.gained.map(timeline), lost: diff.lost.map(timeline), shifted: diff.shifted, leadTimes: diff.leadTimes },
    };
  }

  /**
   * Writes the file if it still is at `baseVersion` (409 otherwise: someone saved in between),
   * via a temporary file and rename, so the engine never reads half a file.
   */
  async save(file: string, text: string, baseVersion: string | null, user: string, comment: string): Promise<{ version: string; audit: AuditEntry }> {
    const validation = this.validate(file, text);
    if (!validation.ok) throw new RuleSaveError(400, 'The rule file has errors; nothing was saved.', validation.errors);
    const path = join(this.deps.rulesDir, file);
    let before = '';
    try {
      before = await fs.readFile(path, 'utf8');
    } catch {
      if (baseVersion !== null) throw new RuleSaveError(409, `${file} no longer exists.`);
    }
    if (baseVersion !== null && versionOf(before) !== baseVersion) throw new RuleSaveError(409, `${file} was changed by someone else since you opened it; reload and edit again.`);
    if (baseVersion === null && before !== '') throw new RuleSaveError(409, `${file} exists already.`);
    const tmp = join(this.deps.rulesDir, `.${file}.${randomUUID().slice(0, 8)}.tmp`);
    await fs.writeFile(tmp, text, { encoding: 'utf8', mode: 0o644 });
    await fs.rename(tmp, path);
    const version = versionOf(text);
    const audit: AuditEntry = {
      id: `rule-change-${randomUUID()}`,
      at: this.deps.now(),
      actor: user,
      action: 'rule.changed',
      subject: file,
      detail: JSON.stringify({ before: versionOf(before), after: version, rules: validation.ruleIds, comment: comment || null, diff: lineDiff(before, text) }),
      source: 'console',
    };
    await this.deps.events.publish<AuditEntry>(Topics.audit, [{ key: file, value: audit, timestamp: audit.at }]);
    return { version, audit };
  }

  /** The audit lines of rule changes, newest first (read back from audit.v1). */
  async history(limit = 50): Promise<AuditEntry[]> {
    const { bus, codec } = this.deps.events;
    const out: AuditEntry[] = [];
    for (const end of await bus.endOffsets(Topics.audit)) {
      let offset = Math.max(0, end.offset - 20_000);
      while (offset < end.offset) {
        const batch = await bus.read(Topics.audit, end.partition, offset, Math.min(2000, end.offset - offset));
        if (batch.length === 0) break;
        for (const m of batch) {
          const e = await codec.decode<AuditEntry>('AuditEntry', m.value).catch(() => null);
          if (e && e.action === 'rule.changed') out.push(e);
        }
        offset = batch[batch.length - 1]!.offset + 1;
      }
    }
    return out.sort((a, b) => b.at - a.at).slice(0, limit);
  }
}
