import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from "yaml";

export type ManifestPath = ReadonlyArray<string | number>;
export interface SourcePosition {
  line: number;
  col: number;
}

/**
 * Finds where a path of the parsed manifest sits in the YAML source. A path that does not exist
 * (a missing required key) resolves to the deepest node that does, so the error still points at
 * the right object.
 */
export function locator(doc: Document, lineCounter: LineCounter) {
  const positionOf = (offset: number | undefined): SourcePosition => {
    if (offset === undefined) return { line: 1, col: 1 };
    return lineCounter.linePos(offset);
  };

  return (path: ManifestPath, { key = false } = {}): SourcePosition => {
    let node: unknown = doc.contents;
    let offset = (doc.contents as Node | null)?.range?.[0];
    for (const [index, step] of path.entries()) {
      const next = child(node, step);
      if (!next) break;
      const pointAtKey = (key && index === path.length - 1) || next.value === null;
      offset = pointAtKey ? next.keyOffset : next.valueOffset;
      node = next.value;
    }
    return positionOf(offset);
  };
}

interface Child {
  value: unknown;
  keyOffset: number | undefined;
  valueOffset: number | undefined;
}

function child(node: unknown, step: string | number): Child | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
    if (!pair) return undefined;
    const keyOffset = (pair.key as Node).range?.[0];
    const value = pair.value as Node | null;
    return { value, keyOffset, valueOffset: value?.range?.[0] ?? keyOffset };
  }
  if (isSeq(node) && typeof step === "number") {
    const item = node.items[step] as Node | undefined;
    if (!item) return undefined;
    const offset = item.range?.[0];
    return { value: item, keyOffset: offset, valueOffset: offset };
  }
  return undefined;
}
