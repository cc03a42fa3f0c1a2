// Sending: nodemailer to SMTP_URL, or — with SMTP_URL unset — the development mailbox, a table that
// organisers read in the back-office. Both produce a real RFC 5322 message built by nodemailer.
import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import * as t from "../../db/schema";
import type { AppDatabase } from "./db.server";
import type { Dkim } from "./env.server";

export type OutgoingMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType: string }[];
  outboxId?: number;
};

export type Mailer = {
  kind: "smtp" | "dev-mailbox";
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
};

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

export function createMailer(options: { smtpUrl?: string; from: string; db: AppDatabase; pool?: boolean; dkim?: Dkim }): Mailer {
  const dkim = options.dkim ? { ...options.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } : undefined;
  if (options.smtpUrl) {
    const transport: Transporter<SMTPTransport.SentMessageInfo> = nodemailer.createTransport(smtpOptions(options.smtpUrl, options.pool ?? true, dkim));
    return {
      kind: "smtp",
      async send(m) {
        await transport.sendMail(toNodemailer(options.from, m));
      },
      close: () => transport.close(),
    };
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix", dkim });
  return {
    kind: "dev-mailbox",
    async send(m) {
      const info = await stream.sendMail(toNodemailer(options.from, m));
      options.db
        .insert(t.devMailbox)
        .values({ outboxId: m.outboxId ?? null, toAddress: m.to, subject: m.subject, text: m.text, html: m.html, raw: (info.message as Buffer).toString("utf8") })
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
export function smtpOptions(smtpUrl: string, pool: boolean, dkim?: object): SMTPTransport.Options & { pool?: boolean; maxConnections?: number } {
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
  };
  if (!secure) {
    options.getSocket = (_opts, callback) => {
      const socket = net.connect(port, url.hostname);
      socket.setNoDelay(true);
      const fail = (error: Error) => callback(error, undefined as never);
      socket.once("error", fail);
      socket.once("connect", () => {
        socket.off("error", fail);
        callback(null, { connection: socket });
      });
    };
  }
  return options;
}

/** SMTP replies 5xx (and a refused address) are permanent; network errors and 4xx are worth retrying. */
export function isPermanent(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e?.responseCode === "number") return e.responseCode >= 500;
  return e?.code === "EENVELOPE";
}
