/** Liveness and readiness answers of the API. */
import { z } from 'zod';

export const healthSchema = z
  .object({ status: z.literal('ok') })
  .meta({ id: 'Health', description: 'The process is alive' });

export const readinessSchema = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    database: z.enum(['up', 'down']),
  })
  .meta({
    id: 'Readiness',
    description: 'Whether the API can serve requests that need the database',
  });
export type Readiness = z.infer<typeof readinessSchema>;
