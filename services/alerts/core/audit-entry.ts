/**
 * One line of the audit trail (who did what to which incident, and why).
 * Shape agreed for `audit.v1` ({id, at, actor, action, subject, detail, source}); defined here
 * until services/core/model/audit-entry.ts exists, then this file only re-exports it.
 */
export interface AuditEntry {
  /** Deterministic: `${inputId}#${n}`, so re-applying an input cannot add a second line. */
  id: string;
  /** Event time of the change, epoch ms. */
  at: number;
  /** Officer login, `rule:<ruleId>`, `system:auto-release` or `system:hold-timer`. */
  actor: string;
  /** Dotted verb, e.g. `incident.released`, `firing.raised`, `command.rejected`. */
  action: string;
  /** Incident id, or `silence:<id>`. */
  subject: string;
  /** JSON object with the particulars. */
  detail: string;
  /** Service that wrote it. */
  source: string;
}
