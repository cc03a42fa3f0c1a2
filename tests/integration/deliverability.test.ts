// What mail servers look at: Message-ID, Date, multipart/alternative, List-Unsubscribe(-Post), and
// an optional DKIM signature that covers List-Unsubscribe-Post, verified as a receiver would.
import { generateKeyPairSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { dispatchDue } from "~/notifications/dispatch.server";
import { register } from "~/registration/registrations.server";
import { seedIfEmpty } from "~/server/seed.server";
import { toUtcIso } from "~/utils/dates.server";
import { type EnvError, parseEnv } from "~/utils/env.server";
import { createMailer } from "~/notifications/mail.server";
import { NOW, memoryDb } from "../helpers/db";
import { smtpForSuite } from "../helpers/smtp";

const smtp = smtpForSuite();

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const DNS_P = publicKey.export({ type: "spki", format: "der" }).toString("base64");

async function sendOne(dkimEnv: Record<string, string>) {
  const env = parseEnv({ MAIL_FROM: "Rendez-vous <rdv@rdv-sante.example.org>", ...dkimEnv });
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
  const session = db.select().from(t.sessions).where(eq(t.sessions.slug, "rdv-2-ecouter-orienter")).get()!;
  const email = `dkim-${Object.keys(dkimEnv).length}@example.org`;
  register(db, {
    seriesId: series.id,
    sessionIds: [session.id],
    participant: { firstName: "Inès", lastName: "Signée", email, organisation: null, jobTitle: null, structureType: null, territory: null, newsConsent: false },
    nowIso: toUtcIso(NOW),
  });
  const mailer = createMailer({ smtpUrl: smtp.url, from: env.MAIL_FROM, db, pool: false, dkim: env.DKIM });
  await dispatchDue(db, mailer, { appUrl: "https://rdv-sante.example.org", now: () => toUtcIso(NOW) });
  mailer.close();
  return smtp.waitForMatch((m) => m.envelopeTo.includes(email));
}

describe("deliverability headers", () => {
  it("has Message-ID, Date, multipart/alternative and one-click unsubscribe headers", async () => {
    const mail = await sendOne({});
    expect(mail.parsed.messageId).toMatch(/^<rdv\.\d+\.[\w-]+@rdv-sante\.example\.org>$/);
    expect(mail.parsed.date?.getTime()).toBeGreaterThan(0);
    expect(mail.raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(mail.raw).not.toMatch(/^DKIM-Signature:/m);
  });

  it("signs with DKIM when configured, covering List-Unsubscribe-Post, and the signature verifies", async () => {
    const mail = await sendOne({ DKIM_DOMAIN: "rdv-sante.example.org", DKIM_SELECTOR: "rdv2026", DKIM_PRIVATE_KEY: PEM.replace(/\n/g, "\\n") });
    const header = mail.raw.replace(/\r?\n[ \t]+/g, " ").match(/^DKIM-Signature: (.*)$/m)![1];
    const signed = header
      .match(/\bh=([^;]+)/)![1]
      .toLowerCase()
      .split(":")
      .map((h) => h.trim());
    expect(signed).toEqual(expect.arrayContaining(["from", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post"]));
    expect(header).toMatch(/\bd=rdv-sante\.example\.org\b/);
    expect(header).toMatch(/\bs=rdv2026\b/);
    const result = await dkimVerify(Buffer.from(mail.raw), {
      resolver: async (name: string, type: string) => {
        expect([name, type]).toEqual(["rdv2026._domainkey.rdv-sante.example.org", "TXT"]);
        return [[`v=DKIM1; k=rsa; p=${DNS_P}`]];
      },
    });
    expect(result.results.map((r: { status: { result: string } }) => r.status.result)).toEqual(["pass"]);
  });

  it("refuses an incomplete or unreadable DKIM configuration at start-up, naming the variable", () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseEnv(env);
      } catch (e) {
        return (e as EnvError).problems;
      }
      return [];
    };
    expect(problems({ DKIM_DOMAIN: "rdv-sante.example.org" })[0]).toMatch(/^DKIM_DOMAIN .*ensemble/);
    expect(problems({ DKIM_DOMAIN: "rdv-sante.example.org", DKIM_SELECTOR: "s1", DKIM_PRIVATE_KEY: "pas une clé" })[0]).toMatch(
      /^DKIM_PRIVATE_KEY n’est pas une clé privée PEM/,
    );
  });
});
