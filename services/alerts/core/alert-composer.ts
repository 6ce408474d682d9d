import type { Alert, MsgType } from '../../core/model/alert';
import type { Firing, Incident } from './incident';

/** What a revision says: a warning (new, escalated, edited), the all-clear, or an officer's withdrawal. */
export type RevisionKind = 'warning' | 'all-clear' | 'cancelled';

export interface RevisionDraft {
  kind: RevisionKind;
  version: number;
  identifier: string;
  msgType: MsgType;
  scope: 'Public' | 'Restricted';
  sent: number;
  /** CAP references "sender,identifier,sent" of the earlier revisions this one replaces. */
  references: string[];
  /** Firings that drive the level (for driver values in the text). */
  firings: Firing[];
}

/**
 * Turns an incident and a revision draft into a CAP-shaped Alert. The book stays free of
 * catalogue and language: the templates module implements this (templates/alert-composer.ts).
 */
export interface AlertComposer {
  readonly sender: string;
  /** Deterministic CAP identifier of an incident's revision. */
  identifier(incident: Incident, version: number): string;
  /** CAP `references` entry of an earlier revision. */
  reference(identifier: string, sent: number): string;
  compose(incident: Incident, draft: RevisionDraft): Alert;
}
