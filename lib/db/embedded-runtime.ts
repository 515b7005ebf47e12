import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded-server";

// Where the embedded stack keeps its state, and how a second command (npm run db, npm run worker)
// finds the database that `npm start` is already serving: PGlite must have one owner per data dir.

export function embeddedPaths(dataDir: string) {
  const root = path.resolve(dataDir);
  return {
    root,
    pglite: path.join(root, "pglite"),
    runtime: path.join(root, "embedded.json"),
    secret: path.join(root, "auth-secret"),
  };
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function findRunningEmbedded(dataDir: string): Promise<string | null> {
  const { runtime } = embeddedPaths(dataDir);
  if (!existsSync(runtime)) return null;
  try {
    const { url, pid } = JSON.parse(readFileSync(runtime, "utf8")) as { url: string; pid: number };
    process.kill(pid, 0);
    return (await isListening(Number(new URL(url).port))) ? url : null;
  } catch {
    return null;
  }
}

/** Opens the durable embedded database and records where it is served, for the other commands. */
export async function serveEmbedded(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const paths = embeddedPaths(dataDir);
  mkdirSync(paths.root, { recursive: true });
  const embedded = await startEmbeddedDatabase({ dataDir: paths.pglite, port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    // Something else holds the usual port; any free loopback port serves as well.
    return startEmbeddedDatabase({ dataDir: paths.pglite, port: 0 });
  });
  writeFileSync(paths.runtime, JSON.stringify({ url: embedded.url, pid: process.pid }));
  return {
    ...embedded,
    async close() {
      rmSync(paths.runtime, { force: true });
      await embedded.close();
    },
  };
}

/**
 * The database a command should use: DATABASE_URL, else the embedded one that is already being
 * served, else the embedded data dir opened just for this command.
 */
export async function connectForCommand(options: {
  databaseUrl?: string;
  dataDir: string;
}): Promise<{ url: string; embedded: boolean; release: () => Promise<void> }> {
  if (options.databaseUrl) return { url: options.databaseUrl, embedded: false, release: async () => {} };
  const running = await findRunningEmbedded(options.dataDir);
  if (running) return { url: running, embedded: true, release: async () => {} };
  const paths = embeddedPaths(options.dataDir);
  mkdirSync(paths.root, { recursive: true });
  const embedded = await startEmbeddedDatabase({ dataDir: paths.pglite, port: 0 });
  return { url: embedded.url, embedded: true, release: embedded.close };
}

/**
 * The auth secret of an installation without AUTH_SECRET (the embedded demo): generated once into
 * DATA_DIR so sessions survive restarts and `npm run signin-link` signs exactly like the app.
 */
export function embeddedAuthSecret(dataDir: string): string {
  const file = embeddedPaths(dataDir).secret;
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
