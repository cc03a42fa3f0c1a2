// Sending: nodemailer to SMTP_URL, or — with SMTP_URL unset — the development mailbox, a table that
// organisers read in the back-office. Both produce a real RFC 5322 message built by nodemailer.
import net from "node:net";
import type { Readable } from "node:stream";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import * as t from "../../db/schema";
import type { AppDatabase } from "../utils/db.server";
import type { Dkim } from "../utils/env.server";
import type { FailureKind } from "~/notifications/outbox.server";

export type OutgoingMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers?: Record<string, string>;
  /** Text (a calendar file), bytes, or a stream read as the message is sent (a PDF); `cid`: shown inline in the HTML part (`<img src="cid:…">`), e.g. the check-in QR code. */
  attachments?: { filename: string; content: string | Buffer | Readable; contentType: string; cid?: string }[];
  outboxId?: number;
};

export type Mailer = {
  kind: "smtp" | "dev-mailbox";
  /** Rejects after at most `sendTimeoutMs` (then the connections are dropped and opened afresh). */
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
};

/** Default SMTP timeouts: connecting, the server's greeting, and silence on an open connection. */
export const SMTP_TIMEOUT_SECONDS = 20;

/** A send that took longer than its deadline: the connection is dropped, the email retried. */
export class SendTimeoutError extends Error {
  code = "ESENDTIMEOUT";
  constructor(ms: number) {
    super(`le serveur d’envoi n’a pas répondu en ${Math.round(ms / 1000)} s`);
    this.name = "SendTimeoutError";
  }
}

function toNodemailer(from: string, m: OutgoingMessage) {
  return {
    from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    date: new Date(),
    headers: m.headers,
    attachments: m.attachments,
    // French text: quoted-printable, decided once (nodemailer would otherwise scan every part).
    textEncoding: "quoted-printable" as const,
  };
}

/**
 * Headers covered by the DKIM signature: nodemailer's RFC 6376 list plus List-Unsubscribe-Post, so
 * that the one-click unsubscribe of RFC 8058 is trusted by Gmail and Yahoo.
 */
export const DKIM_SIGNED_HEADERS =
  "From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:" +
  "In-Reply-To:References:List-Id:List-Unsubscribe:List-Unsubscribe-Post";

export type MailerOptions = {
  smtpUrl?: string;
  from: string;
  db: AppDatabase;
  pool?: boolean;
  dkim?: Dkim;
  /** Connection, greeting and socket timeouts (default SMTP_TIMEOUT_SECONDS); a whole send gets three times this. */
  timeoutSeconds?: number;
  /** Called with each email kept in the development mailbox (the server prints it on stdout). */
  onDevMessage?: (message: OutgoingMessage) => void;
};

export function createMailer(options: MailerOptions): Mailer {
  const dkim = options.dkim ? { ...options.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } : undefined;
  if (options.smtpUrl) {
    const timeoutMs = (options.timeoutSeconds ?? SMTP_TIMEOUT_SECONDS) * 1000;
    const make = (): Transporter<SMTPTransport.SentMessageInfo> =>
      nodemailer.createTransport(smtpOptions(options.smtpUrl!, options.pool ?? true, dkim, timeoutMs));
    let transport = make();
    return {
      kind: "smtp",
      async send(m) {
        const current = transport;
        const deadline = 3 * timeoutMs;
        let timer: ReturnType<typeof setTimeout> | undefined;
        try {
          await Promise.race([
            current.sendMail(toNodemailer(options.from, m)),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new SendTimeoutError(deadline)), deadline);
            }),
          ]);
        } catch (error) {
          // A hung or broken pool is dropped: the next send opens fresh connections.
          if (failureKind(error) === "transport" && transport === current) {
            transport = make();
            current.close();
          }
          throw error;
        } finally {
          clearTimeout(timer);
        }
      },
      close: () => transport.close(),
    };
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix", dkim });
  return {
    kind: "dev-mailbox",
    async send(m) {
      const info = await stream.sendMail(toNodemailer(options.from, m));
      options.onDevMessage?.(m);
      options.db
        .insert(t.devMailbox)
        .values({
          outboxId: m.outboxId ?? null,
          toAddress: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          raw: (info.message as Buffer).toString("utf8"),
        })
        .run();
    },
    close: () => stream.close(),
  };
}

/**
 * Transport options from SMTP_URL. (Given a URL string, nodemailer would read only the URL and treat
 * its second argument as message defaults: the pool settings would be ignored.) Plain and STARTTLS
 * connections get TCP_NODELAY: without it every message waits ~40 ms for a delayed ACK.
 */
export function smtpOptions(
  smtpUrl: string,
  pool: boolean,
  dkim?: object,
  timeoutMs = SMTP_TIMEOUT_SECONDS * 1000,
): SMTPTransport.Options & { pool?: boolean; maxConnections?: number } {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const port = Number(url.port) || (secure ? 465 : 587);
  const options: SMTPTransport.Options & { pool?: boolean; maxConnections?: number } = {
    host: url.hostname,
    port,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    pool,
    maxConnections: 4,
    dkim: dkim as SMTPTransport.Options["dkim"],
    // Every step is bounded: a server that accepts and never answers, or goes silent mid-message,
    // fails the send instead of holding the dispatcher (nodemailer's defaults are minutes).
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  };
  if (!secure) {
    options.getSocket = (_opts, callback) => {
      const socket = net.connect(port, url.hostname);
      socket.setNoDelay(true);
      let settled = false;
      const settle = (error: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.off("error", settle);
        if (error) {
          socket.destroy();
          callback(error, undefined as never);
        } else callback(null, { connection: socket });
      };
      const timer = setTimeout(
        () => settle(Object.assign(new Error(`connexion au serveur d’envoi impossible en ${Math.round(timeoutMs / 1000)} s`), { code: "ETIMEDOUT" })),
        timeoutMs,
      );
      socket.once("error", settle);
      socket.once("connect", () => settle(null));
    };
  }
  return options;
}

/**
 * SMTP replies 5xx (and a refused address) are permanent; other 4xx replies are about this message
 * and worth retrying; no reply at all (refused or dropped connection, timeout) or a 421 "service not
 * available" is the mail server's state, not the message's.
 */
export function failureKind(error: unknown): FailureKind {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e?.responseCode === "number") {
    if (e.responseCode >= 500) return "permanent";
    return e.responseCode === 421 ? "transport" : "message";
  }
  if (e?.code === "EENVELOPE" || e?.code === "EMESSAGE") return "permanent";
  return "transport";
}
