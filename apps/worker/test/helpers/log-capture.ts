import { Writable } from "node:stream";

/** A pino destination that keeps every line, for leak sweeps and attribution checks. */
export function captureLines() {
  const lines: string[] = [];
  let partial = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      const text = partial + String(chunk);
      const parts = text.split("\n");
      partial = parts.pop() ?? "";
      lines.push(...parts.filter((l) => l.length > 0));
      done();
    },
  });
  return {
    stream,
    lines,
    records(): Record<string, unknown>[] {
      return lines.flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
    },
  };
}
