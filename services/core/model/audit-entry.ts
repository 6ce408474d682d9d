/**
 * One line of the audit trail: who did what to which incident or rule, when, and why.
 * On `audit.v1` (Avro: schemas/AuditEntry.avsc), keyed by subject, so one incident's history
 * stays in order on one partition.
 */
export interface AuditEntry {
  /** Deterministic (e.g. `${inputId}#${n}`), so re-applying an input cannot add a second line. */
  id: string;
  /** When it happened, epoch ms. */
  at: number;
  /** Officer login, `rule:<ruleId>`, `system:auto-release`, `system:hold-timer`, ... (never a citizen's data). */
  actor: string;
  /** Dotted verb, e.g. `incident.released`, `firing.raised`, `command.rejected`, `rule.changed`. */
  action: string;
  /** What it happened to: an incident id, `silence:<id>` or a rule file name. */
  subject: string;
  /** JSON object with the particulars (a string, so the schema need not change when details do). */
  detail: string;
  /** The service that recorded it, e.g. `alerts`, `console`. */
  source: string;
}
