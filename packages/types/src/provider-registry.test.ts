import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TASKS } from "./provider-descriptor";
import { KEY_LIKE_PATTERN, PROVIDERS, PROVIDER_REGISTRY, isPlausibleKey, maskKey } from "./providers";

const readme = readFileSync(fileURLToPath(new URL("../../../README.md", import.meta.url)), "utf8");
const compose = readFileSync(fileURLToPath(new URL("../../../docker-compose.yml", import.meta.url)), "utf8");
const architecture = readFileSync(fileURLToPath(new URL("../../../docs/architecture.md", import.meta.url)), "utf8");

/** The README's environment table: the rows between its header and the first blank line. */
function environmentTable(markdown: string): string {
  const start = markdown.indexOf("| variable |");
  expect(start, "the environment table").toBeGreaterThan(-1);
  return markdown.slice(start, markdown.indexOf("\n\n", start));
}

describe.each(PROVIDERS)("registry entry · %s", (provider) => {
  const entry = PROVIDER_REGISTRY[provider];

  it("is filed under its own id", () => {
    expect(entry.id).toBe(provider);
    expect(entry.label.trim()).not.toBe("");
  });

  it("has a key check whose keys its scrubbing pattern finds in free text", () => {
    const sample = `${entry.key.maskPrefix}${"Ab0_".repeat(6)}`;
    expect(isPlausibleKey(provider, sample)).toBe(true);
    expect(entry.key.hint).toContain(entry.key.maskPrefix);
    expect(entry.key.scrub.flags).toBe("");
    expect(`failed with ${sample}, retrying`.match(KEY_LIKE_PATTERN)).toEqual([sample]);
    expect(maskKey(sample)).toBe(`${entry.key.maskPrefix}…${sample.slice(-4)}`);
  });

  it("names environment variables the README's and the architecture page's tables document", () => {
    for (const variable of [entry.env.apiKey, entry.env.baseUrl]) {
      expect(variable).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(environmentTable(readme), `README environment table: ${variable}`).toContain(`\`${variable}\``);
      expect(environmentTable(architecture), `docs/architecture.md environment table: ${variable}`).toContain(
        `\`${variable}\``,
      );
      // docker compose points the stack at the emulator unless told otherwise.
      expect(compose, `docker-compose.yml: ${variable}`).toMatch(
        new RegExp(`^\\s+${variable}: \\$\\{${variable}:-`, "m"),
      );
    }
  });

  it("prices every model, dated and sourced", () => {
    expect(entry.prices.takenOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(entry.prices.source).toMatch(/^https:\/\//);
    for (const model of entry.models) {
      const figures =
        model.price.unit === "tokens"
          ? [model.price.inputPerMillion, model.price.outputPerMillion]
          : [model.price.perMinute];
      for (const figure of figures) expect(figure, model.id).toBeGreaterThan(0);
    }
  });

  it("declares exactly the capabilities its models provide", () => {
    for (const task of TASKS)
      expect(entry.capabilities[task], task).toBe(
        entry.models.some((m) => (m.tasks as readonly string[]).includes(task)),
      );
  });

  it("links to https pages for keys and billing", () => {
    expect(entry.links.createKey).toMatch(/^https:\/\//);
    expect(entry.links.billing).toMatch(/^https:\/\//);
    expect(entry.defaultBaseUrl).toMatch(/^https:\/\//);
  });
});

describe("the registry as a whole", () => {
  it("has unique environment variables, model ids and card positions", () => {
    const variables = PROVIDERS.flatMap((p) => [PROVIDER_REGISTRY[p].env.apiKey, PROVIDER_REGISTRY[p].env.baseUrl]);
    expect(new Set(variables).size).toBe(variables.length);
    const models = PROVIDERS.flatMap((p) => PROVIDER_REGISTRY[p].models.map((m) => m.id));
    expect(new Set(models).size).toBe(models.length);
    const order = PROVIDERS.map((p) => PROVIDER_REGISTRY[p].settingsOrder);
    expect(new Set(order).size).toBe(order.length);
  });

  it("accepts each key only for its own provider", () => {
    for (const provider of PROVIDERS) {
      const sample = `${PROVIDER_REGISTRY[provider].key.maskPrefix}${"Ab0_".repeat(6)}`;
      for (const other of PROVIDERS)
        expect(isPlausibleKey(other, sample), `${provider} key as ${other}`).toBe(other === provider);
    }
  });
});
