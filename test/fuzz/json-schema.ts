import fc from "fast-check";

/** The part of JSON Schema (2020-12, as @fastify/swagger writes it from zod) that the API's documents use. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** Strings that break naive code: control characters, bidi overrides, lone surrogates, SQL and path tricks, huge ones. */
export const nastyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", " ", "\u0000", "\uD800", "\u202Egnp.exe", "'; drop table tenants; --", "../../etc/passwd", "%00", "%", "${APP_URL}", "<script>alert(1)</script>", "NaN", "-1", "1e309", "null", "[]", "{}", "true"),
  fc.constant("x".repeat(70_000)),
);

/** Any JSON value, of any shape: what a client with the wrong idea sends. */
export const garbageJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
  fc.constantFrom(null, 0, -1, 1e308, true, [], {}, [[[[[]]]]]),
  fc.integer({ min: 50, max: 2000 }).map((n) => {
    let v: unknown = "deep";
    for (let i = 0; i < n; i++) v = { a: v };
    return v;
  }),
);

const fromPattern = (pattern: string): fc.Arbitrary<string> => {
  try {
    return fc.stringMatching(new RegExp(pattern), { size: "small" });
  } catch {
    return fc.string();
  }
};

function stringArbitrary(s: JsonSchema): fc.Arbitrary<string> {
  if (s.pattern) return fromPattern(s.pattern);
  switch (s.format) {
    case "date-time":
      return fc.date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString());
    case "date":
      return fc.date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case "email":
      return fc.emailAddress();
    case "uri":
    case "url":
      return fc.webUrl();
    case "uuid":
      return fc.uuid();
  }
  // Names that the API's ids and free texts often take, and any text within the bounds.
  return fc.oneof(
    fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) }),
    fc.constantFrom("eldrive", "marketing", "newsletter", "contract", "ro", "en", "RO", "2026-11-23", "2026-11-23T10:00:00Z", "access", "erasure", "staff@example.com").filter((v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity)),
  );
}

function numberArbitrary(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : undefined);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : undefined);
  if (integer) {
    const lo = Math.max(min ?? -1000, Number.MIN_SAFE_INTEGER);
    const hi = Math.min(max ?? 100_000, Number.MAX_SAFE_INTEGER);
    // The edges of the database's integer types are where a value the schema allows can still break a query.
    const edges = [0, 1, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1].filter((n) => n >= lo && n <= hi);
    return fc.oneof({ weight: 3, arbitrary: fc.integer({ min: lo, max: hi }) }, { weight: 1, arbitrary: fc.constantFrom(...(edges.length ? edges : [lo])) });
  }
  return fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true, noDefaultInfinity: true });
}

/**
 * Values that a JSON schema accepts, or nearly: what a client that read the API's documents sends.
 * Depth-limited; unknown keywords are ignored, so some values may still be refused, which is fine.
 */
export function arbitraryFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 1 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => arbitraryFor(a, depth + 1)));
  if (schema.allOf?.length) return arbitraryFor(Object.assign({}, ...schema.allOf) as JsonSchema, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryFor({ ...schema, type }, depth)));
  switch (types[0]) {
    case "string":
      return stringArbitrary(schema);
    case "integer":
      return numberArbitrary(schema, true);
    case "number":
      return numberArbitrary(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(arbitraryFor(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case "object":
      return objectArbitrary(schema, depth);
    default:
      return schema.properties ? objectArbitrary(schema, depth) : fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArbitrary(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const known = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitraryFor(v, depth + 1)])), { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
  if (schema.additionalProperties === false || Object.keys(props).length > 0) return known as fc.Arbitrary<Record<string, unknown>>;
  const extra = typeof schema.additionalProperties === "object" ? arbitraryFor(schema.additionalProperties, depth + 1) : fc.jsonValue({ maxDepth: 2 });
  return fc.dictionary(fc.string({ maxLength: 12 }), extra, { maxKeys: 4 });
}
