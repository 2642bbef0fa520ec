/** A response checked against its OpenAPI schema: every documented field there, nothing undocumented. */
export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  allOf?: Schema[];
};
export type OpenApiDocument = {
  paths: Record<
    string,
    Record<
      string,
      { 'x-roles'?: string[]; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

export function schemaNamed(doc: OpenApiDocument, name: string): Schema {
  const schema = doc.components.schemas[name];
  if (!schema) throw new Error(`No schema ${name}`);
  return schema;
}

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, schemaNamed(doc, schema.$ref.split('/').pop() as string));
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((part) => resolve(doc, part));
    return {
      ...Object.assign({}, ...parts),
      ...schema,
      allOf: undefined,
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
    };
  }
  return schema;
}

/** The differences between a value and its schema, by path (empty: it conforms). */
export function shapeProblems(doc: OpenApiDocument, schema: Schema, value: unknown, path = '$'): string[] {
  const s = resolve(doc, schema);
  if (value === null) return s.nullable ? [] : [`${path}: null, not nullable`];
  if (s.anyOf) {
    const fits = s.anyOf.map((option) => shapeProblems(doc, option, value, path));
    return fits.some((problems) => problems.length === 0)
      ? []
      : [`${path}: fits none of anyOf (${fits.map((p) => p[0]).join(' | ')})`];
  }
  if (s.enum && !s.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} not in enum`];
  switch (s.type) {
    case 'array':
      if (!Array.isArray(value)) return [`${path}: not an array`];
      return value.flatMap((item, i) => shapeProblems(doc, s.items ?? {}, item, `${path}[${i}]`));
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: not an integer`];
    case 'number':
      return typeof value === 'number' ? [] : [`${path}: not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
    case 'string':
      if (typeof value !== 'string') return [`${path}: not a string`];
      if (s.format === 'date-time' && Number.isNaN(Date.parse(value))) return [`${path}: not a date-time`];
      if (s.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return [`${path}: not a date`];
      return [];
    default: {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
      if (!s.properties)
        return s.additionalProperties ? [] : [`${path}: an object with no documented properties`];
      const record = value as Record<string, unknown>;
      const documented = Object.keys(s.properties);
      const undocumented = Object.keys(record)
        .filter((key) => !documented.includes(key))
        .map((key) => `${path}.${key}: not documented`);
      const missing = (s.required ?? [])
        .filter((key) => !(key in record))
        .map((key) => `${path}.${key}: documented, missing`);
      const nested = documented
        .filter((key) => key in record)
        .flatMap((key) => shapeProblems(doc, s.properties?.[key] ?? {}, record[key], `${path}.${key}`));
      return [...undocumented, ...missing, ...nested];
    }
  }
}
