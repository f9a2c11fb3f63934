// Typed access to untrusted JSON. A known key with the wrong type is recorded (so a hostile or
// corrupted capture is named, not silently misread) and read as absent.
export type Json = unknown;

export class JsonReader {
  readonly typeErrors: string[] = [];

  private at(root: Json, path: string): Json {
    let cur: Json = root;
    for (const key of path.split('.')) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
      cur = (cur as Record<string, Json>)[key];
    }
    return cur;
  }

  private bad(path: string, v: Json, want: string): undefined {
    const got = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
    this.typeErrors.push(`${path} is ${got}, expected ${want}`);
    return undefined;
  }

  /** Finite number, or undefined (absent, or wrong type: recorded). null is accepted as absent. */
  num(root: Json, path: string, label = path): number | undefined {
    const v = this.at(root, path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    return this.bad(label, v, 'number');
  }

  str(root: Json, path: string, label = path): string | undefined {
    const v = this.at(root, path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    return this.bad(label, v, 'string');
  }

  bool(root: Json, path: string, label = path): boolean | undefined {
    const v = this.at(root, path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    return this.bad(label, v, 'boolean');
  }

  obj(root: Json, path: string, label = path): Record<string, Json> | undefined {
    const v = this.at(root, path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'object' && !Array.isArray(v)) return v as Record<string, Json>;
    return this.bad(label, v, 'object');
  }

  arr(root: Json, path: string, label = path): Json[] | undefined {
    const v = this.at(root, path);
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v;
    return this.bad(label, v, 'array');
  }

  has(root: Json, path: string): boolean {
    const v = this.at(root, path);
    return v !== undefined && v !== null;
  }
}
