/** A duty officer's or the system's instruction about an incident; on `commands.v1`, keyed by incident id. */
export type OfficerAction = 'release' | 'acknowledge' | 'silence' | 'unsilence' | 'cancel' | 'edit';

export interface TextEdit {
  language: string;
  headline: string | null;
  description: string | null;
  instruction: string | null;
}

export interface OfficerCommand {
  id: string;
  action: OfficerAction;
  /** Incident id; for silence of an area or rule, the silence's own id. */
  incidentId: string | null;
  /** Login name of the officer, or `system:auto-release`. */
  by: string;
  at: number;
  reason: string | null;
  /** Silence end, epoch ms. */
  until: number | null;
  /** Silence scope. */
  areaId: string | null;
  ruleId: string | null;
  edits: TextEdit[];
}
