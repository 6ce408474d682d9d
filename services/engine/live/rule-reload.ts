import type { LoadResult } from '../rules/loader';
import type { Rule } from '../rules/rule';

/**
 * The rule set to run after a reload: every rule that loaded, plus the last good version of a
 * rule that now fails (an analyst's typo must not switch a warning off). A rule file that does
 * not parse at all keeps all its previous rules. Rules deleted from a good file are gone.
 */
export function mergeReload(previous: readonly Rule[], result: LoadResult): { rules: Rule[]; kept: string[] } {
  const loaded = new Set(result.rules.map((r) => r.id));
  const failedIds = new Set(result.errors.map((e) => e.ruleId).filter((id): id is string => id !== null));
  // Errors without a rule id (broken YAML, bad top level) make the whole file unusable.
  const failedFiles = new Set(result.errors.filter((e) => e.ruleId === null).map((e) => e.file));
  const kept = previous.filter((r) => !loaded.has(r.id) && (failedIds.has(r.id) || (r.source !== undefined && failedFiles.has(r.source.file))));
  return { rules: [...result.rules, ...kept], kept: kept.map((r) => r.id) };
}
