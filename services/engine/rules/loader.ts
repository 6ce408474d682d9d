import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import ruleSchema from '../../../rules/rules.schema.json';
import { normaliseRule, RuleShapeError } from './normalise';
import type { Rule } from './rule';
import type { RuleError } from './rule-error';

export interface LoadResult {
  rules: Rule[];
  errors: RuleError[];
}

/** Files in rules/ that are not rule files. */
export const NON_RULE_FILES = new Set(['catalogue.yaml', 'catalogue.yml']);

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(ruleSchema);
  return validator;
}

/**
 * Parses and validates one rule file. Each rule stands alone: a rule with errors is left out
 * and reported; the file's other rules still load. A file that is not valid YAML loads nothing.
 */
export function loadRuleText(text: string, file: string, catalogue?: CatalogueIndex): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const errors: RuleError[] = [];
  const at = (offset: number | undefined) => {
    if (offset === undefined) return { line: 0, column: 0 };
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };

  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      errors.push({ file, ...at(e.pos[0]), field: '', ruleId: null, message: `YAML: ${e.message.split('\n')[0]}` });
    }
    return { rules: [], errors };
  }

  const data = doc.toJS() as unknown;
  const rawRules: unknown[] = isRecord(data) && Array.isArray(data.rules) ? data.rules : [];
  const badRules = new Set<number>();
  const v = validate();
  if (!v(data)) {
    for (const e of pickErrors(v.errors ?? [])) {
      const path = pointerToPath(e.instancePath);
      const fieldPath = e.keyword === 'additionalProperties' ? [...path, String(e.params.additionalProperty)] : path;
      const node = nearestNode(doc, fieldPath);
      const ruleIndex = path[0] === 'rules' && typeof path[1] === 'number' ? path[1] : null;
      if (ruleIndex !== null) badRules.add(ruleIndex);
      errors.push({
        file,
        ...at(node?.range?.[0]),
        field: fieldName(fieldPath),
        ruleId: ruleIndex !== null ? ruleIdOf(rawRules[ruleIndex]) : null,
        message: messageOf(e),
      });
      if (ruleIndex === null) return { rules: [], errors };
    }
  }

  const rules: Rule[] = [];
  rawRules.forEach((raw, i) => {
    if (badRules.has(i)) return;
    try {
      const rule = normaliseRule(raw, catalogue);
      const node = nodeAt(doc, ['rules', i]);
      rule.source = { file, line: at(node?.range?.[0]).line };
      rules.push(rule);
    } catch (err) {
      const path: Array<string | number> = ['rules', i, ...(err instanceof RuleShapeError ? err.path : [])];
      const node = nearestNode(doc, path);
      errors.push({ file, ...at(node?.range?.[0]), field: fieldName(path), ruleId: ruleIdOf(raw), message: (err as Error).message });
    }
  });
  return { rules, errors };
}

/**
 * Loads every rules/*.yaml (not the catalogue). Duplicate rule ids: the first (by file name)
 * wins, the later one is reported. Never throws for bad content.
 */
export function loadRuleDirectory(dir: string, catalogue?: CatalogueIndex): LoadResult {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !NON_RULE_FILES.has(f))
    .sort();
  const rules: Rule[] = [];
  const errors: RuleError[] = [];
  const ids = new Map<string, string>();
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(join(dir, f), 'utf8');
    } catch (err) {
      errors.push({ file: f, line: 0, column: 0, field: '', ruleId: null, message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    const res = loadRuleText(text, basename(f), catalogue);
    errors.push(...res.errors);
    for (const r of res.rules) {
      const first = ids.get(r.id);
      if (first) {
        errors.push({
          file: f,
          line: r.source?.line ?? 0,
          column: 1,
          field: 'id',
          ruleId: r.id,
          message: `duplicate rule id "${r.id}" (first defined in ${first})`,
        });
        continue;
      }
      ids.set(r.id, f);
      rules.push(r);
    }
  }
  return { rules, errors };
}

/** One error per field, the most specific: oneOf/anyOf wrappers only when nothing deeper explains it. */
function pickErrors(errs: ErrorObject[]): ErrorObject[] {
  const specific = errs.filter((e) => !['oneOf', 'anyOf', 'not', 'if'].includes(e.keyword) && !e.schemaPath.includes('/not/'));
  // Errors inside oneOf branches of the same object are alternatives; prefer the deepest path.
  const chosen = specific.length > 0 ? specific : errs;
  const byPath = new Map<string, ErrorObject>();
  for (const e of chosen) {
    const key = e.instancePath + (e.keyword === 'additionalProperties' ? `/${String(e.params.additionalProperty)}` : '');
    if (!byPath.has(key)) byPath.set(key, e);
  }
  const list = [...byPath.values()];
  // Drop an error on a parent when a child of it has one (the child is the actual mistake).
  return list.filter(
    (e) => !list.some((o) => o !== e && o.instancePath.startsWith(e.instancePath + '/') && e.keyword !== 'additionalProperties'),
  );
}

function messageOf(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown field "${String(e.params.additionalProperty)}"`;
    case 'enum':
      return `must be one of ${(e.params.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
    case 'required':
      return `missing required field "${String(e.params.missingProperty)}"`;
    case 'pattern':
      return `${e.message ?? 'does not match'}${e.instancePath.endsWith('/id') ? ' (lower-case letters, digits, dashes)' : ''}`;
    case 'oneOf':
      return 'does not match any allowed form (see rules/rules.schema.json)';
    default:
      return e.message ?? e.keyword;
  }
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function fieldName(path: Array<string | number>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

function nodeAt(doc: Document, path: Array<string | number>): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node as Node;
}

/** The node at path, or of its closest ancestor that exists (a missing field points at its parent). */
function nearestNode(doc: Document, path: Array<string | number>): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = nodeAt(doc, path.slice(0, n));
    if (node?.range) return node;
  }
  return undefined;
}

function ruleIdOf(raw: unknown): string | null {
  return isRecord(raw) && typeof raw.id === 'string' ? raw.id : null;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
