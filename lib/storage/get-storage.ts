import path from "node:path";
import { config } from "../config";
import type { FileStorage } from "./file-storage";
import { LocalDiskStorage } from "./local-disk-storage";

const globalForStorage = globalThis as typeof globalThis & { __fileStorage?: FileStorage };

/** The process-wide storage for STORAGE_DIR (relative paths resolve from the working directory). */
export function getStorage(): FileStorage {
  globalForStorage.__fileStorage ??= new LocalDiskStorage(path.resolve(config().STORAGE_DIR));
  return globalForStorage.__fileStorage;
}
