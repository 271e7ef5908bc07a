/**
 * How the database layer logs: a logger narrowed to what it uses, and driver errors reduced to
 * their class and code, never their message (it can quote values). Shared by the pool, the
 * listening connection and start-up, apart from database.ts so that they do not import each other.
 */
import type { FastifyBaseLogger } from 'fastify';

export type Logger = Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>;

/** Keeps the class and code of a driver error, never its message (it can quote values). */
export function redactError(error: unknown): { type: string; code?: string } {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, ...(typeof code === 'string' ? { code } : {}) };
}
