/**
 * Reading the deployment files for the checks in deploy.test.ts: YAML (multi-document for
 * Kubernetes) and JSON under deploy/, and the metric names the code under services/ defines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const DEPLOY_DIR = path.join(REPO_ROOT, 'deploy');

export function filesUnder(dir: string, test: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, test));
    else if (test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Every document of a YAML file; throws with the file name and the parser's messages on any error. */
export function readYamlDocuments(file: string): unknown[] {
  // merge: docker compose uses `<<: *anchor` merge keys (YAML 1.1), which YAML 1.2 leaves alone.
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'), { merge: true });
  if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`);
  const problems = docs.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message));
  if (problems.length > 0) throw new Error(`${path.relative(REPO_ROOT, file)}: ${problems.join('; ')}`);
  return docs.map((d) => d.toJS()).filter((d) => d !== null && d !== undefined);
}

export function readYaml<T = Record<string, any>>(file: string): T {
  const docs = readYamlDocuments(file);
  if (docs.length !== 1) throw new Error(`${file}: expected one YAML document, found ${docs.length}`);
  return docs[0] as T;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  [key: string]: any;
}

/** Every object of every manifest in deploy/k8s (the kustomization and the secret template excluded). */
export function k8sObjects(): { file: string; object: K8sObject }[] {
  const dir = path.join(DEPLOY_DIR, 'k8s');
  return filesUnder(dir, (f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml' && !f.includes('.template.')).flatMap((file) =>
    readYamlDocuments(file).map((object) => ({ file: path.basename(file), object: object as K8sObject })),
  );
}

/** Metric names (fruehwarn_...) a PromQL expression uses, with histogram suffixes folded onto the base name. */
export function metricNamesIn(expr: string, histograms: ReadonlySet<string>): string[] {
  const names = new Set<string>();
  for (const m of expr.matchAll(/\bfruehwarn_[a-z0-9_]+/g)) {
    let name = m[0];
    const base = name.replace(/_(bucket|sum|count)$/, '');
    if (base !== name && histograms.has(base)) name = base;
    names.add(name);
  }
  return [...names];
}

/**
 * Metric names defined in the code: every string literal 'fruehwarn_...' in non-test sources
 * under services/ (metric constructors, and constants such as LISTED_METRIC), and which of
 * them are histograms (their series carry _bucket/_sum/_count).
 */
export function metricNamesInCode(): { names: Set<string>; histograms: Set<string> } {
  const names = new Set<string>();
  const histograms = new Set<string>();
  const sources = filesUnder(path.join(REPO_ROOT, 'services'), (f) => f.endsWith('.ts') && !/\.(test|int\.test|e2e\.test|contract)\.ts$/.test(f));
  for (const file of sources) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`](fruehwarn_[a-z0-9_]+)['"`]/g)) names.add(m[1]);
    for (const m of text.matchAll(/new\s+Histogram\s*\(\s*\{[^}]*?name:\s*['"`](fruehwarn_[a-z0-9_]+)['"`]/g)) histograms.add(m[1]);
  }
  return { names, histograms };
}

/** Where promtool is, or null: /usr/bin/promtool (Debian's prometheus package) or on PATH. */
export function findPromtool(): string | null {
  const candidates = ['/usr/bin/promtool', ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'promtool'))];
  for (const c of candidates) {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return null;
}

/** GitHub-style anchor of a Markdown heading: lower case, punctuation dropped, spaces to dashes. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    anchors.add(
      m[1]
        .toLowerCase()
        .replace(/`/g, '')
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .trim()
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}
