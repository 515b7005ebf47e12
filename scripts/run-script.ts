import { ConfigError } from "../lib/config";

/** Runs a command-line entry point: known failures become one clear line, never a stack trace. */
export function runScript(main: () => Promise<number | void>) {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof ConfigError) {
        console.error(error.message);
      } else if (isConnectionError(error)) {
        console.error(`Cannot reach the database (${describe(error)}). Check DATABASE_URL and that the server is running.`);
      } else {
        console.error(error);
      }
      process.exit(1);
    },
  );
}

function describe(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0].replaceAll("`", "").replace(/\.+$/, "").trim();
}

function isConnectionError(error: unknown) {
  const text = describe(error) + String((error as { code?: string })?.code ?? "");
  return /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|P1001|Can't reach database|password authentication failed|DatabaseNotReachable|DatabaseDoesNotExist/i.test(text);
}
