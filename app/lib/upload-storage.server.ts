import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";

/**
 * Where uploaded image files live, by name (`<hash>.<format>`). The board uses a folder; an object store (S3 and the
 * like) could stand in by implementing these three calls, nothing else in the app touches the files.
 */
export interface UploadStorage {
  /** Stores the bytes under `name`, whole or not at all; a name already there holds the same bytes (it is their hash). */
  put(name: string, bytes: Uint8Array): Promise<void>;
  /** The file's size and contents, or null when there is none. */
  read(name: string): Promise<{ size: number; body: ReadableStream<Uint8Array> } | null>;
  remove(name: string): Promise<void>;
}

/** UPLOADS_DIR, relative to the working directory; `data/uploads` by default. */
export function uploadsDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.UPLOADS_DIR || "data/uploads");
}

/** Files in one folder, which may be a volume several app servers share. */
export function folderStorage(directory: string): UploadStorage {
  return {
    async put(name, bytes) {
      await mkdir(directory, { recursive: true });
      // Written beside its place, then renamed: a reader (or another server writing the same picture) never sees half.
      const temporary = join(directory, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, join(directory, name));
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async read(name) {
      const path = join(directory, name);
      const found = await stat(path).catch(() => null);
      if (!found?.isFile()) return null;
      return { size: found.size, body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array> };
    },
    async remove(name) {
      await rm(join(directory, name), { force: true });
    },
  };
}

/** The storage the board runs with, read from UPLOADS_DIR at each call so tests can point it at a folder of their own. */
export function uploadStorage(env: NodeJS.ProcessEnv = process.env): UploadStorage {
  return folderStorage(uploadsDirectory(env));
}
