/**
 * The opaque cursor of the owned action items list: the due time and id of the last item of the
 * page, base64url JSON. It is validated on the way in like any input (400, naming `cursor`).
 */
import { idSchema } from '@fourfold/shared/input';
import { z } from 'zod';
import { AppError } from '../../lib/errors';

const cursorSchema = z.object({ d: z.iso.datetime({ offset: true }), i: idSchema }).strict();

export function encodeCursor(position: { dueAt: string; id: string }): string {
  return Buffer.from(JSON.stringify({ d: position.dueAt, i: position.id })).toString('base64url');
}

export function decodeCursor(cursor: string): { dueAt: Date; id: string } {
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw new Error('not base64url');
    const parsed = cursorSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return { dueAt: new Date(parsed.d), id: parsed.i };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'Some fields are missing or not valid.', {
      invalidParams: [{ in: 'query', path: 'cursor', message: 'not a cursor of this list' }],
    });
  }
}
