// The back-office's pagination rule (app/utils/pagination.ts): which rows a page shows, the page read
// from the URL, a page past the end, and page links that keep the filters.
import { describe, expect, it } from "vitest";
import { pageHref, pageWindow, requestedPage } from "~/utils/pagination";

describe("pageWindow", () => {
  it("cuts 120 rows into pages of 50, 50 and 20", () => {
    expect(pageWindow(120, 1, 50)).toEqual({ page: 1, pages: 3, total: 120, limit: 50, offset: 0 });
    expect(pageWindow(120, 2, 50)).toMatchObject({ page: 2, offset: 50 });
    expect(pageWindow(120, 3, 50)).toMatchObject({ page: 3, pages: 3, offset: 100 });
  });

  it("shows the last page for a page past the end, and one empty page for an empty list", () => {
    expect(pageWindow(120, 99, 50)).toMatchObject({ page: 3, offset: 100 });
    expect(pageWindow(100, 3, 50)).toMatchObject({ page: 2, pages: 2, offset: 50 });
    expect(pageWindow(0, 5, 50)).toEqual({ page: 1, pages: 1, total: 0, limit: 50, offset: 0 });
  });
});

describe("requestedPage", () => {
  it.each([
    ["page=3", 3],
    ["", 1],
    ["page=0", 1],
    ["page=-2", 1],
    ["page=2.5", 1],
    ["page=abc", 1],
    ["page=1e400", 1],
  ])("reads %j as page %i", (query, page) => {
    expect(requestedPage(new URLSearchParams(query))).toBe(page);
  });
});

describe("pageHref", () => {
  it("keeps the filters, leaves out empty ones and page 1", () => {
    const filters = { statut: "cancelled", type: "personal-link", cible: null, destinataire: "" };
    expect(pageHref("/admin/emails", filters, 2)).toBe("/admin/emails?statut=cancelled&type=personal-link&page=2");
    expect(pageHref("/admin/emails", filters, 1)).toBe("/admin/emails?statut=cancelled&type=personal-link");
    expect(pageHref("/admin/emails", {}, 1)).toBe("/admin/emails");
    expect(pageHref("/admin/emails", { destinataire: "a&b@x.org" }, 3)).toBe("/admin/emails?destinataire=a%26b%40x.org&page=3");
  });
});
