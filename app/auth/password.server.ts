import { hash, verify, type Options } from "@node-rs/argon2";

// OWASP's argon2id recommendation: 19 MiB, 2 passes, 1 lane. The library's default algorithm is argon2id,
// spelled as its value because the enum is a `const enum` that isolated modules can't read.
const ARGON2ID_OPTIONS: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | undefined;

/** Spends the same work as a real check, so a login for an unknown user takes as long as one with a wrong password. */
export async function verifyDecoyPassword(password: string): Promise<void> {
  decoyHash ??= hashPassword(crypto.randomUUID());
  await verifyPassword(await decoyHash, password);
}
