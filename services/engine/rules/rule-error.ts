/** A problem in a rule file, pointing at the place an analyst has to edit. */
export interface RuleError {
  file: string;
  /** 1-based line and column in the YAML file (0 when unknown). */
  line: number;
  column: number;
  /** Dotted path of the offending field, e.g. `rules[2].condition.op`. */
  field: string;
  /** Id of the rule, when it could be read. */
  ruleId: string | null;
  message: string;
}

export function formatRuleError(e: RuleError): string {
  return `${e.file}:${e.line}:${e.column} ${e.field}: ${e.message}`;
}
