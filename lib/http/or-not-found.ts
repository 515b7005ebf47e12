import { notFound } from "next/navigation";
import { InvalidInputError, NotFoundError } from "../errors";

/**
 * What a page's URL names, or the calm 404 page: when it doesn't exist, and when the URL can't name
 * anything (an id too long or with characters no id has, refused as invalid input). Any other error
 * is a real failure and passes through.
 */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof InvalidInputError) notFound();
    throw error;
  }
}
