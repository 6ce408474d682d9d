import * as fs from 'node:fs';
import * as path from 'node:path';
import * as avro from 'avsc';

/** Default location of the .avsc files: <repo>/schemas (two levels above dist/services/core/codec too). */
export function defaultSchemasDir(): string {
  for (const candidate of [path.join(__dirname, '..', '..', '..', 'schemas'), path.join(__dirname, '..', '..', '..', '..', 'schemas')]) {
    if (fs.existsSync(path.join(candidate, 'SensorReading.avsc'))) return candidate;
  }
  throw new Error('The Avro schemas folder (schemas/) was not found next to the program.');
}

/**
 * Every Avro schema of the project by record name (one top-level record per .avsc file), parsed once.
 *
 * Each file stands alone: a named type used by several records (Driver, AlertStatus) is written
 * out in each file that needs it rather than referenced across files. That keeps every schema
 * registrable on its own under its record-name subject (Confluent schema references are not
 * needed, and Apicurio's ccompat API handles them differently). The price is duplication, so the
 * set checks at load that every copy of a named type is identical apart from doc strings: a
 * change to one copy without the others fails here, not on the wire.
 */
export class SchemaSet {
  readonly types = new Map<string, avro.Type>();
  readonly raw = new Map<string, Record<string, unknown>>();
  /** Every named type (records, enums, fixed) by full name, e.g. de.fruehwarn.v1.Driver. */
  readonly named = new Map<string, avro.Type>();

  constructor(dir: string = defaultSchemasDir()) {
    const definedIn = new Map<string, string>();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.avsc')).sort()) {
      const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
      const name = String(schema.name);
      if (this.raw.has(name)) throw new Error(`Two schema files define the record ${name} (${definedIn.get(name)} and ${file}).`);
      const registry: Record<string, avro.Type> = {};
      const type = avro.Type.forSchema(schema as avro.Schema, { registry });
      for (const [fullName, t] of Object.entries(registry)) {
        if (!t.name) continue; // primitives
        const earlier = this.named.get(fullName);
        if (earlier && shapeOf(earlier) !== shapeOf(t)) {
          throw new Error(`The Avro type ${fullName} differs between ${definedIn.get(fullName)} and ${file}; keep every copy identical.`);
        }
        if (!earlier) {
          this.named.set(fullName, t);
          definedIn.set(fullName, file);
        }
      }
      this.raw.set(name, schema);
      this.types.set(name, type);
      definedIn.set(name, file);
    }
  }

  type(name: string): avro.Type {
    const t = this.types.get(name);
    if (!t) throw new Error(`No Avro schema named ${name} in schemas/ (known: ${[...this.types.keys()].join(', ')}).`);
    return t;
  }
}

/** A type's schema with defaults and aliases but without doc strings, for comparing copies. */
function shapeOf(type: avro.Type): string {
  return JSON.stringify(type.schema({ exportAttrs: true }), (key, v: unknown) => (key === 'doc' ? undefined : v));
}

/** Says which field of a value breaks the schema, instead of avsc's bare "invalid". */
export function describeInvalid(type: avro.Type, value: unknown): string {
  const problems: string[] = [];
  type.isValid(value, { errorHook: (p: string[], v: unknown) => problems.push(`${p.join('.') || '(root)'} = ${JSON.stringify(v)?.slice(0, 60)}`) });
  return problems.length ? problems.join('; ') : 'value does not match the schema';
}
