/**
 * The one error model of Fourfold: RFC 9457 problem details with a closed list of codes
 * (`error-codes.ts`). The API produces these, the web client parses them; both import this file so
 * they cannot drift.
 */
import { z } from 'zod';
import { text } from './input';
import { errorCodes } from './error-codes';
import { personalDataKinds } from './personal-data-kinds';

export const errorCodeSchema = z.enum(errorCodes);

/** One failing field of a request: where it is (path) and what is wrong, never its value. */
export const invalidParamSchema = z.object({
  in: z.enum(['body', 'query', 'params', 'headers']),
  path: text(),
  message: text(),
});
export type InvalidParam = z.infer<typeof invalidParamSchema>;

export const problemSchema = z
  .object({
    type: text(),
    title: text(),
    status: z.number().int(),
    detail: text().optional(),
    code: errorCodeSchema,
    requestId: text(),
    invalidParams: z.array(invalidParamSchema).optional(),
    /** Where personal data was found in de-identified text: the kind and offsets, never the value. */
    personalData: z
      .array(
        z.object({
          field: text(),
          kind: z.enum(personalDataKinds),
          start: z.number().int(),
          end: z.number().int(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
export type Problem = z.infer<typeof problemSchema>;

/** True when an unknown JSON value has the shape of a problem we produced. */
export function isProblem(value: unknown): value is Problem {
  return problemSchema.safeParse(value).success;
}
