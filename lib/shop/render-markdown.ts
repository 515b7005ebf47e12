import MarkdownIt from "markdown-it";

const ALLOWED_LINK = /^(https?:|mailto:)/i;

// HTML in the source is escaped, never passed through; images are off (a product's picture is its
// own field), and only http(s) and mailto links are made. markdown-it's output is built from its own
// tokens, so with html off nothing the coach typed can become a tag or an attribute it didn't make.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false })
  .disable(["image"]);

markdown.validateLink = (url: string) => ALLOWED_LINK.test(url.trim());

const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));

markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index];
  const href = token.attrGet("href") ?? "";
  if (/^https?:/i.test(href)) token.attrSet("rel", "noopener noreferrer nofollow");
  return defaultLinkOpen(tokens, index, options, env, self);
};

/** A product description (Markdown) as safe HTML for dangerouslySetInnerHTML. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
