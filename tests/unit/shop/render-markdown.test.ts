import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/shop/render-markdown";

describe("renderMarkdown", () => {
  it("renders paragraphs, lists and emphasis", () => {
    const html = renderMarkdown("A **gentle** start.\n\n- one\n- two\n\n1. first");
    expect(html).toContain("<strong>gentle</strong>");
    expect(html).toContain("<ul>\n<li>one</li>");
    expect(html).toContain("<ol>");
  });

  it("escapes raw HTML: a <script> never survives as a tag", () => {
    const html = renderMarkdown('Hello <script>alert("x")</script> <img src=x onerror=alert(1)>\n\n<div onclick="x()">block</div>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<div/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("drops javascript:, data: and other links, keeping the text", () => {
    for (const href of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "/relative", "file:///etc/passwd"]) {
      const html = renderMarkdown(`[click](${href})`);
      expect(html, href).not.toContain("<a");
      expect(html.toLowerCase(), href).not.toContain('href="javascript');
    }
    expect(renderMarkdown("<javascript:alert(1)>")).not.toContain("<a");
  });

  it("keeps http(s) and mailto links, marking outside links", () => {
    expect(renderMarkdown("[site](https://example.com/a?b=1)")).toContain('<a href="https://example.com/a?b=1" rel="noopener noreferrer nofollow">site</a>');
    expect(renderMarkdown("[write](mailto:hello@example.com)")).toContain('<a href="mailto:hello@example.com">write</a>');
    expect(renderMarkdown("see https://example.com")).toContain('href="https://example.com"');
  });

  it("does not render images (the product has its own picture)", () => {
    expect(renderMarkdown("![tracker](https://example.com/pixel.png)")).not.toContain("<img");
  });

  it("escapes attribute-breaking characters in link targets", () => {
    const html = renderMarkdown('[x](https://example.com/"onmouseover="alert(1))');
    expect(html).not.toContain('"onmouseover="');
  });
});
