import { hash, verify, type Options } from "@node-rs/argon2";

// OWASP's argon2id recommendation: 19 MiB, 2 passes, 1 lane. The library's default algorithm is argon2id,
// spelled as its value because the enum is a `const enum` that isolated modules can't read.
const ARGON2ID_OPTIONS: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

// Made when the server starts rather than at the first unknown username, whose check would otherwise cost two hashes.
const decoyHash = hashPassword(crypto.randomUUID());

const ARGON2_HASH_SHAPE = /^\$argon2(id|i|d)\$/;

/**
 * Whether the password is the one behind `passwordHash`. Every check costs one argon2id verification with the
 * current parameters, so its time tells nothing about the account: with no account (null), or a stored value that
 * is no hash at all (the demo accounts' marker, which verify would refuse at once), the password is checked against
 * a decoy hash and the answer is no.
 */
export async function passwordMatches(passwordHash: string | null, password: string): Promise<boolean> {
  const realHash = passwordHash !== null && ARGON2_HASH_SHAPE.test(passwordHash) ? passwordHash : null;
  try {
    const matches = await verify(realHash ?? (await decoyHash), password);
    return realHash !== null && matches;
  } catch {
    return false;
  }
}
