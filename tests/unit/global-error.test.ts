import { createElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import GlobalError from "@/app/global-error";

type Props = { children?: ReactNode; onClick?: () => void };

function findAll(node: ReactNode, type: string): ReactElement<Props>[] {
  if (Array.isArray(node)) return node.flatMap((child: ReactNode) => findAll(child, type));
  if (!isValidElement<Props>(node)) return [];
  return [...(node.type === type ? [node] : []), ...findAll(node.props.children, type)];
}

describe("app/global-error (the page when the root layout fails)", () => {
  const render = () => renderToStaticMarkup(createElement(GlobalError, { error: new Error("layout failed"), retry: () => undefined }));

  it("is a whole, labelled document with the site's styles", () => {
    const html = render();
    expect(html).toMatch(/^<html lang="en-GB"><head><title>Something went wrong · Steady Ground Coaching<\/title><\/head><body>/);
    expect(html).toContain('<main class="container"');
    expect(html).toContain("<h1>Something went wrong on our side</h1>");
  });

  it("says calmly what happened without the error's own message", () => {
    const text = render().replace(/<[^>]+>/g, " ");
    expect(text).toContain("Please try again.");
    expect(text).not.toContain("layout failed");
  });

  it("retries with one button and offers a full page load home", () => {
    const retry = vi.fn();
    const tree = GlobalError({ error: new Error("layout failed"), retry });
    const [button, ...otherButtons] = findAll(tree, "button");
    expect(otherButtons).toEqual([]);
    expect(button.props).toMatchObject({ type: "button", children: "Try again" });
    button.props.onClick?.();
    expect(retry).toHaveBeenCalledOnce();
    expect(findAll(tree, "a").map((link) => link.props)).toEqual([expect.objectContaining({ href: "/", children: "Go to the home page" })]);
  });
});
