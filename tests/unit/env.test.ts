import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/utils/env.server";

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as EnvError).problems;
  }
  throw new Error("expected an EnvError");
}

describe("configuration", () => {
  it("has working defaults for a first start", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      APP_URL: "http://localhost:3000",
      DATABASE_PATH: "./data/rendez-vous.sqlite",
      isProduction: false,
      SMTP_URL: undefined,
    });
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("names each wrong variable in French", () => {
    const list = problems({ PORT: "abc", APP_URL: "pas une url", SMTP_URL: "http://x", ADMIN_EMAIL: "admin@", MAIL_FROM: "nobody" });
    expect(list.find((p) => p.startsWith("PORT "))).toMatch(/nombre/);
    expect(list.find((p) => p.startsWith("APP_URL "))).toMatch(/adresse/);
    expect(list.find((p) => p.startsWith("SMTP_URL "))).toMatch(/smtp:\/\//);
    expect(list.find((p) => p.startsWith("ADMIN_EMAIL "))).toMatch(/adresse e-mail/);
    expect(list.find((p) => p.startsWith("MAIL_FROM "))).toBeDefined();
  });

  it("refuses a port out of range", () => {
    expect(problems({ PORT: "70000" })[0]).toMatch(/^PORT .*65535/);
  });

  it("requires SESSION_SECRET, of at least 32 characters, and APP_URL in production", () => {
    expect(problems({ NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^APP_URL .*obligatoire en production/),
      expect.stringMatching(/^SESSION_SECRET .*obligatoire en production/),
    ]);
    expect(problems({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) })).toEqual([expect.stringMatching(/^APP_URL .*obligatoire en production/)]);
    expect(problems({ NODE_ENV: "production", SESSION_SECRET: "court" })[0]).toMatch(/^SESSION_SECRET .*32/);
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), APP_URL: "https://rdv.example.org/" });
    expect(env.isProduction).toBe(true);
    expect(env.APP_URL).toBe("https://rdv.example.org");
  });

  it("treats empty values as unset (as in a copied .env.example)", () => {
    expect(parseEnv({ SMTP_URL: "", ADMIN_EMAIL: "", SESSION_SECRET: "" }).SMTP_URL).toBeUndefined();
  });
});
