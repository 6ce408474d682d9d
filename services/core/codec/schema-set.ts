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

/** Every Avro schema of the project by record name, parsed once. Each .avsc file stands alone. */
export class SchemaSet {
  readonly types = new Map<string, avro.Type>();
  readonly raw = new Map<string, Record<string, unknown>>();

  constructor(dir: string = defaultSchemasDir()) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.avsc')).sort()) {
      const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
      const name = String(schema.name);
      this.raw.set(name, schema);
      this.types.set(name, avro.Type.forSchema(schema as avro.Schema));
    }
  }

  type(name: string): avro.Type {
    const t = this.types.get(name);
    if (!t) throw new Error(`No Avro schema named ${name} in schemas/.`);
    return t;
  }
}

/** Says which field of a value breaks the schema, instead of avsc's bare "invalid". */
export function describeInvalid(type: avro.Type, value: unknown): string {
  const problems: string[] = [];
  type.isValid(value, { errorHook: (p: string[], v: unknown) => problems.push(`${p.join('.') || '(root)'} = ${JSON.stringify(v)?.slice(0, 60)}`) });
  return problems.length ? problems.join('; ') : 'value does not match the schema';
}
