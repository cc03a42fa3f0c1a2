// Configuration: every environment variable the app reads, validated once at start-up.
// A wrong value stops the server with a message naming the variable (see .env.example).
// The server and every command-line tool read the same source (configurationSource): the process
// environment over one env file, ENV_FILE or ./.env, so that a CLI writes the server's links.
import { createPrivateKey, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv as parseEnvFile } from "node:util";
import { z } from "zod";
import { storedSessionSecret } from "./data-dir.server";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const positiveInt = (fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ invalid_type_error: "doit être un nombre" }).int("doit être un nombre entier").min(1, "doit être au moins 1").default(fallback),
  );

const schema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(["development", "production", "test"]).default("development")),
    PORT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ invalid_type_error: "doit être un nombre" })
        .int("doit être un nombre entier")
        .min(1, "doit être compris entre 1 et 65535")
        .max(65535, "doit être compris entre 1 et 65535")
        .default(3000),
    ),
    APP_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .url("doit être une adresse complète, par exemple https://rendez-vous.example.org")
        .refine((v) => /^https?:\/\//.test(v), "doit commencer par http:// ou https://")
        .optional(),
    ),
    DATABASE_PATH: z.preprocess(emptyToUndefined, z.string().default("./data/rendez-vous.sqlite")),
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => /^smtps?:\/\/[^\s]+$/.test(v), "doit être de la forme smtp://utilisateur:motdepasse@hôte:587 ou smtps://…")
        .optional(),
    ),
    MAIL_FROM: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(
          (v) => /^([^<>]*<)?[^\s@<>]+@[^\s@<>]+\.?[^\s@<>]*>?$/.test(v),
          'doit être une adresse, par exemple "Rendez-vous <ne-pas-repondre@example.org>"',
        )
        .default("Rendez-vous <ne-pas-repondre@rendez-vous.localhost>"),
    ),
    SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "doit faire au moins 32 caractères (par exemple : openssl rand -hex 32)").optional()),
    ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.string().email("doit être une adresse e-mail valide").optional()),
    RATE_LIMIT_WINDOW_SECONDS: positiveInt(600),
    RATE_LIMIT_PER_IP: positiveInt(30),
    RATE_LIMIT_PER_EMAIL: positiveInt(5),
    UPLOAD_MAX_MB: positiveInt(50),
    DKIM_DOMAIN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "doit être un nom de domaine, par exemple ars-normandie.fr")
        .optional(),
    ),
    DKIM_SELECTOR: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9._-]+$/i, "doit être un sélecteur DNS, par exemple rdv2026")
        .optional(),
    ),
    DKIM_PRIVATE_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
    DKIM_PRIVATE_KEY_FILE: z.preprocess(emptyToUndefined, z.string().optional()),
    TRUST_PROXY: z.preprocess(emptyToUndefined, z.enum(["0", "1", "true", "false"], { message: "doit valoir 0 ou 1" }).default("0")),
    SMTP_TIMEOUT_SECONDS: positiveInt(20),
    MAIL_POLL_SECONDS: positiveInt(15),
    MAIL_RETRY_SECONDS: positiveInt(60),
    ALLOW_NEW_DATABASE: z.preprocess(emptyToUndefined, z.enum(["0", "1", "true", "false"], { message: "doit valoir 0 ou 1" }).default("0")),
  })
  .superRefine((env, ctx) => {
    const dkim = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY ?? env.DKIM_PRIVATE_KEY_FILE];
    if (dkim.some(Boolean) && !dkim.every(Boolean)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["DKIM_DOMAIN"],
        message: "la signature DKIM demande DKIM_DOMAIN, DKIM_SELECTOR et DKIM_PRIVATE_KEY (ou DKIM_PRIVATE_KEY_FILE) ensemble",
      });
    }
    if (env.DKIM_PRIVATE_KEY || env.DKIM_PRIVATE_KEY_FILE) {
      try {
        createPrivateKey(readDkimKey(env.DKIM_PRIVATE_KEY, env.DKIM_PRIVATE_KEY_FILE));
      } catch (e) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [env.DKIM_PRIVATE_KEY ? "DKIM_PRIVATE_KEY" : "DKIM_PRIVATE_KEY_FILE"],
          message: `n’est pas une clé privée PEM lisible (${(e as Error).message})`,
        });
      }
    }
    if (env.NODE_ENV === "production" && !env.APP_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["APP_URL"],
        message: "est obligatoire en production (NODE_ENV=production) : l’adresse publique du site, écrite dans chaque email et calendrier",
      });
    }
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message: "est obligatoire en production (NODE_ENV=production) : au moins 32 caractères aléatoires",
      });
    }
  });

function readDkimKey(inline?: string, file?: string): string {
  // Inline keys may come with "\n" escapes (one-line environment files).
  return inline ? inline.replace(/\\n/g, "\n") : readFileSync(file!, "utf8");
}

export type Dkim = { domainName: string; keySelector: string; privateKey: string };

export type Env = {
  NODE_ENV: "development" | "production" | "test";
  isProduction: boolean;
  PORT: number;
  APP_URL: string;
  DATABASE_PATH: string;
  SMTP_URL?: string;
  MAIL_FROM: string;
  SESSION_SECRET: string;
  ADMIN_EMAIL?: string;
  RATE_LIMIT_WINDOW_SECONDS: number;
  RATE_LIMIT_PER_IP: number;
  RATE_LIMIT_PER_EMAIL: number;
  /** Largest file an organiser may upload for a resource, in megabytes (1 Mo = 1,048,576 bytes). */
  UPLOAD_MAX_MB: number;
  /** Optional DKIM signing of every email. */
  DKIM?: Dkim;
  /** Read the client address from X-Forwarded-For (behind a reverse proxy). */
  TRUST_PROXY: boolean;
  /** Connecting to the mail server, its greeting, and silence mid-message each give up after this; a whole send after three times it. */
  SMTP_TIMEOUT_SECONDS: number;
  /** The scheduler looks for due emails this often (and soon after each change that queues some). */
  MAIL_POLL_SECONDS: number;
  /** First retry delay of a failed send; it doubles at each attempt, up to one hour. */
  MAIL_RETRY_SECONDS: number;
  /** Create a new, empty database even where the data directory's marker says one existed. */
  ALLOW_NEW_DATABASE: boolean;
};

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join("\n")}\nVoir .env.example.`);
    this.name = "EnvError";
  }
}

/**
 * Parses and validates the environment; throws EnvError naming every wrong variable. Without
 * SESSION_SECRET, `secretFallback` gives one (the server: the secret stored in the data directory;
 * default: a random one, enough for the command-line tools, which sign no cookie).
 */
export function parseEnv(source: Record<string, string | undefined> = process.env, options: { secretFallback?: (databasePath: string) => string } = {}): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(problems);
  }
  const e = result.data;
  return {
    NODE_ENV: e.NODE_ENV,
    isProduction: e.NODE_ENV === "production",
    PORT: e.PORT,
    APP_URL: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    DATABASE_PATH: e.DATABASE_PATH,
    SMTP_URL: e.SMTP_URL,
    MAIL_FROM: e.MAIL_FROM,
    SESSION_SECRET: e.SESSION_SECRET ?? (options.secretFallback ? options.secretFallback(e.DATABASE_PATH) : randomBytes(32).toString("hex")),
    ADMIN_EMAIL: e.ADMIN_EMAIL?.toLowerCase(),
    RATE_LIMIT_WINDOW_SECONDS: e.RATE_LIMIT_WINDOW_SECONDS,
    RATE_LIMIT_PER_IP: e.RATE_LIMIT_PER_IP,
    RATE_LIMIT_PER_EMAIL: e.RATE_LIMIT_PER_EMAIL,
    UPLOAD_MAX_MB: e.UPLOAD_MAX_MB,
    TRUST_PROXY: e.TRUST_PROXY === "1" || e.TRUST_PROXY === "true",
    SMTP_TIMEOUT_SECONDS: e.SMTP_TIMEOUT_SECONDS,
    MAIL_POLL_SECONDS: e.MAIL_POLL_SECONDS,
    MAIL_RETRY_SECONDS: e.MAIL_RETRY_SECONDS,
    ALLOW_NEW_DATABASE: e.ALLOW_NEW_DATABASE === "1" || e.ALLOW_NEW_DATABASE === "true",
    DKIM:
      e.DKIM_DOMAIN && e.DKIM_SELECTOR
        ? { domainName: e.DKIM_DOMAIN, keySelector: e.DKIM_SELECTOR, privateKey: readDkimKey(e.DKIM_PRIVATE_KEY, e.DKIM_PRIVATE_KEY_FILE) }
        : undefined,
  };
}

/**
 * What the server and the command-line tools configure themselves from: the env file named by
 * ENV_FILE (default `.env` in the working directory, when it exists; ENV_FILE empty: no file), with
 * the process environment taking precedence over it, as with Node's --env-file.
 */
export function configurationSource(processEnv: Record<string, string | undefined> = process.env, cwd = process.cwd()): Record<string, string | undefined> {
  const named = processEnv.ENV_FILE;
  if (named === "") return processEnv;
  const file = path.resolve(cwd, named ?? ".env");
  if (named === undefined && !existsSync(file)) return processEnv;
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (e) {
    throw new EnvError([
      `ENV_FILE : le fichier de configuration ${file} est introuvable ou illisible (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    ]);
  }
  return { ...parseEnvFile(content), ...processEnv };
}

let cached: Env | undefined;

/** The server's configuration; without SESSION_SECRET, the secret stored in the data directory. */
export function getEnv(): Env {
  cached ??= parseEnv(configurationSource(), { secretFallback: storedSessionSecret });
  return cached;
}
