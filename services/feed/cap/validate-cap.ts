import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { checkCapPolygon } from './polygon';

/**
 * Validates CAP 1.2 documents against the OASIS schema with xmllint (WebAssembly build, same
 * verdicts as libxml2's xmllint) and checks every <polygon>, which the schema types as a bare
 * string. For tests of any service that produces CAP.
 */
export const CAP_XSD_PATH = process.env.CAP_XSD_PATH ?? '/work/shared/data/cap/CAP-v1.2.xsd';

let schemaText: string | null = null;

function schema(): string {
  if (schemaText === null) schemaText = readFileSync(CAP_XSD_PATH, 'utf8');
  return schemaText;
}

export interface CapValidation {
  valid: boolean;
  /** Schema errors (xmllint's messages) and polygon problems. */
  errors: string[];
}

export async function validateCap(xml: string, fileName = 'alert.xml'): Promise<CapValidation> {
  const result = await validateXML({ xml: [{ fileName, contents: xml }], schema: [{ fileName: 'CAP-v1.2.xsd', contents: schema() }] });
  const errors = result.errors.map((e) => e.rawMessage ?? e.message);
  for (const polygon of polygonsIn(xml)) {
    const check = checkCapPolygon(polygon);
    if (!check.ok) errors.push(`polygon "${polygon.slice(0, 60)}": ${check.problems.join('; ')}`);
  }
  return { valid: result.valid && errors.length === 0, errors };
}

/** Throws with every error listed (a readable test failure). */
export async function expectValidCap(xml: string, fileName?: string): Promise<void> {
  const v = await validateCap(xml, fileName);
  if (!v.valid) throw new Error(`invalid CAP ${fileName ?? ''}:\n${v.errors.join('\n')}\n---\n${xml}`);
}

function polygonsIn(xml: string): string[] {
  return [...xml.matchAll(/<polygon>([^<]*)<\/polygon>/g)].map((m) => m[1]!);
}
