// Which attribute key a calibrated rule reads for an export column. A column named like a
// standard attribute uses it when the types agree (so the proposal scores real leads);
// anything else becomes `custom.<name>`, the only other key a scoring rule may read.
import { ATTRIBUTE_TYPES, attributeType } from "@/lib/schemas/policies/common";

export type TColumnValueType = "number" | "string" | "boolean" | "mixed";

const STANDARD_KEYS = Object.keys(ATTRIBUTE_TYPES) as (keyof typeof ATTRIBUTE_TYPES)[];

/** `custom.<name>` with the name reduced to what the key grammar allows. */
export function customKey(column: string): string {
  let name = column.trim().replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  if (!/^[A-Za-z]/.test(name)) name = `c_${name}`;
  return `custom.${name}`;
}

/**
 * @param kind numeric columns are read as numbers; categorical ones as their raw values.
 * @param override an explicit key chosen by the user (validated against the key grammar).
 */
export function attributeKeyFor(
  column: string,
  kind: "numeric" | "categorical",
  valueType: TColumnValueType,
  taken: Set<string>,
  override?: string,
): string {
  if (override !== undefined) {
    if (attributeType(override) === undefined) throw new Error(`"${override}" is not an attribute a scoring rule can read`);
    taken.add(override);
    return override;
  }
  const standard = STANDARD_KEYS.find((k) => k.toLowerCase() === column.trim().toLowerCase());
  if (standard && !taken.has(standard)) {
    const type = ATTRIBUTE_TYPES[standard];
    const fits =
      (type === "number" && kind === "numeric") ||
      (type === "string" && kind === "categorical" && valueType === "string") ||
      (type === "boolean" && kind === "categorical" && valueType === "boolean");
    if (fits) {
      taken.add(standard);
      return standard;
    }
  }
  const base = customKey(column);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}
