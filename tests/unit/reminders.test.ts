// When a reminder is due (calendar arithmetic in the series' zone, tested on the two 2027 clock
// changes in Paris), and the reminder email from plain data: the organisers' text escaped with its
// links, and the J-2 details only in the last reminder.
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { reminderEmail, type ReminderData } from "../../emails/reminder";
import { reminderDueAt, type ReminderRule } from "~/reminders/reminders.server";

const PARIS = "Europe/Paris";
const dayBefore = (at: string, days = 1): ReminderRule => ({ timing: "days-before", days, at, minutes: null });
const minutesBefore = (minutes: number): ReminderRule => ({ timing: "minutes-before", days: null, at: null, minutes });

describe("reminderDueAt", () => {
  it("puts « the day before at 18:00 » on the right wall-clock hour across the spring change (Sunday 28 March 2027)", () => {
    // Monday 29 March 10:00 CEST: the day before is the switch day itself, 18:00 CEST = 16:00 UTC.
    expect(reminderDueAt("2027-03-29T08:00:00Z", PARIS, dayBefore("18:00"))).toBe("2027-03-28T16:00:00Z");
    // Sunday 28 March 14:00 CEST: the day before is still winter time, 18:00 CET = 17:00 UTC.
    expect(reminderDueAt("2027-03-28T12:00:00Z", PARIS, dayBefore("18:00"))).toBe("2027-03-27T17:00:00Z");
    // A local time the change skips (02:30 on 28 March) moves forward to 03:30 CEST.
    expect(reminderDueAt("2027-03-29T08:00:00Z", PARIS, dayBefore("02:30"))).toBe("2027-03-28T01:30:00Z");
  });

  it("puts it on the right hour across the autumn change (Sunday 31 October 2027)", () => {
    // Monday 1 November 09:30 CET: the day before is the switch day, 18:00 CET = 17:00 UTC.
    expect(reminderDueAt("2027-11-01T08:30:00Z", PARIS, dayBefore("18:00"))).toBe("2027-10-31T17:00:00Z");
    // Sunday 31 October 10:00 CET: the day before is summer time, 18:00 CEST = 16:00 UTC.
    expect(reminderDueAt("2027-10-31T09:00:00Z", PARIS, dayBefore("18:00"))).toBe("2027-10-30T16:00:00Z");
    // Seven days before, at 09:00: the 24th is summer time (07:00 UTC), not 168 hours before.
    expect(reminderDueAt("2027-10-31T09:00:00Z", PARIS, dayBefore("09:00", 7))).toBe("2027-10-24T07:00:00Z");
  });

  it("counts « one hour before » in real time, whatever the clocks do", () => {
    expect(reminderDueAt("2027-03-28T12:00:00Z", PARIS, minutesBefore(60))).toBe("2027-03-28T11:00:00Z");
    // 03:30 CEST on the spring switch day is 01:30 UTC; an hour before is 01:30 CET on the wall clock.
    expect(reminderDueAt("2027-03-28T01:30:00Z", PARIS, minutesBefore(60))).toBe("2027-03-28T00:30:00Z");
    expect(reminderDueAt("2027-10-31T01:30:00Z", PARIS, minutesBefore(90))).toBe("2027-10-31T00:00:00Z");
  });

  it("is never due at or after the start (the same day, at a later hour)", () => {
    expect(reminderDueAt("2027-06-10T12:00:00Z", PARIS, dayBefore("08:00", 0))).toBe("2027-06-10T06:00:00Z");
    expect(reminderDueAt("2027-06-10T12:00:00Z", PARIS, dayBefore("14:00", 0))).toBeNull();
    expect(reminderDueAt("2027-06-10T12:00:00Z", PARIS, dayBefore("18:00", 0))).toBeNull();
  });
});

const base: ReminderData = {
  firstName: "Zoé",
  seriesTitle: "Les rendez-vous de la santé",
  session: {
    number: 2,
    title: "Santé mentale",
    when: "jeudi 10 juin 2027, 14\u00a0h – 16\u00a0h",
    mode: "online",
    venue: null,
    pageUrl: "https://rdv.example.org/series/s/sessions/s2",
  },
  rules: ["Micro coupé pendant les interventions."],
  personalUrl: "https://rdv.example.org/moi/TOKEN",
  message: null,
  details: null,
};
const ACCESS = { provider: "Zoom", joinUrl: "https://zoom.us/j/5550001111", meetingId: "555 000 1111", passcode: "246810", dialIn: [], instructions: null };

describe("the reminder email", () => {
  it("gives the organisers' text with its paragraphs and links, escaped, in both parts", async () => {
    const mail = reminderEmail({ ...base, message: "Bonjour à <b>toutes</b> & tous,\n\nLe support : https://example.org/doc?a=1&b=2.\nÀ demain !" });
    expect(mail.subject).toBe("Rappel : RDV #2, jeudi 10 juin 2027, 14 h – 16 h");
    expect(mail.html).toContain("<p>Bonjour à &lt;b&gt;toutes&lt;/b&gt; &amp; tous,</p>");
    expect(mail.html).toContain('<a href="https://example.org/doc?a=1&amp;b=2" style="color:#1d4f91">https://example.org/doc?a=1&amp;b=2</a>.<br />À demain !');
    expect(mail.html).not.toContain("<b>");
    expect(mail.text).toContain("Bonjour à <b>toutes</b> & tous,\n\nLe support : https://example.org/doc?a=1&b=2.\nÀ demain !");
    const parsed = await simpleParser(`Content-Type: text/html; charset=utf-8\n\n${mail.html}`);
    expect(parsed.html).toContain("Santé mentale");
  });

  it("says nothing of the codes before the last reminder, and gives them in the last one", () => {
    const early = reminderEmail(base);
    expect(early.text).toContain("La rencontre à laquelle vous êtes inscrit·e approche");
    for (const part of [early.text, early.html]) expect(part).not.toContain("246810");
    const last = reminderEmail({ ...base, details: { remote: true, access: ACCESS } });
    for (const part of [last.text, last.html]) {
      expect(part).toContain("https://zoom.us/j/5550001111");
      expect(part).toContain("246810");
    }
  });

  it("gives the place and practical information in the last reminder of whoever comes on site, never codes", () => {
    const venue = {
      name: "Maison des associations",
      address: "12 rue de la Paix, 76000 Rouen",
      instructions: "Bus 4",
      accessibility: "Plain-pied",
      contact: "06 00 00 00 00",
    };
    const mail = reminderEmail({ ...base, session: { ...base.session, mode: "in-person" }, details: { remote: false, venue } });
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain("Maison des associations");
      expect(part).toContain("Plain-pied");
      expect(part).not.toContain("246810");
    }
    expect(mail.text).toContain("Sur place");
  });
});
