/**
 * A situation table's confidentiality agreement as its members read and accept it: the contract
 * between web and API. Each table publishes versioned text in English and French; a member accepts
 * the current version, and a newer version must be accepted again.
 */
import { z } from 'zod';
import { idSchema, INT32_MAX, text } from './input';

export const tableAgreementSchema = z
  .object({
    table: z.object({ id: idSchema, name: text() }),
    agreement: z.object({
      id: idSchema,
      version: z.number().int().min(1),
      bodyEn: text(),
      bodyFr: text(),
      publishedAt: z.iso.datetime(),
    }),
    /** Whether the caller accepted this (the current) version, and when. */
    accepted: z.boolean(),
    acceptedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'TableAgreement' });
export type TableAgreement = z.infer<typeof tableAgreementSchema>;

export const agreementAcceptanceRequestSchema = z
  .object({
    /** The version the person read: refused (409) when a newer one has been published since. */
    version: z.number().int().min(1).max(INT32_MAX),
  })
  .meta({ id: 'AgreementAcceptanceRequest' });
export type AgreementAcceptanceRequest = z.infer<typeof agreementAcceptanceRequestSchema>;

export const tableIdParamsSchema = z.object({ tableId: idSchema });
