// Sending: nodemailer to SMTP_URL, or — with SMTP_URL unset — the development mailbox, a table that
// organisers read in the back-office. Both produce a real RFC 5322 message built by nodemailer.
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
    const transport: Transporter<SMTPTransport.SentMessageInfo> = nodemailer.createTransport(options.smtpUrl, {
      pool: options.pool ?? true,
      maxConnections: 4,
      dkim,
    } as SMTPTransport.Options);
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

/** SMTP replies 5xx (and a refused address) are permanent; network errors and 4xx are worth retrying. */
export function isPermanent(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e?.responseCode === "number") return e.responseCode >= 500;
  return e?.code === "EENVELOPE";
}
