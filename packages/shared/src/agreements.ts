/**
 * A situation table's confidentiality agreement as its members read and accept it: the contract
 * between web and API. Each table publishes versioned text in English and French; a member accepts
 * the current version, and a newer version must be accepted again.
 */
import { z } from 'zod';

export const tableAgreementSchema = z
  .object({
    table: z.object({ id: z.uuid(), name: z.string() }),
    agreement: z.object({
      id: z.uuid(),
      version: z.number().int().min(1),
      bodyEn: z.string(),
      bodyFr: z.string(),
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
    version: z.number().int().min(1),
  })
  .meta({ id: 'AgreementAcceptanceRequest' });
export type AgreementAcceptanceRequest = z.infer<typeof agreementAcceptanceRequestSchema>;

export const tableIdParamsSchema = z.object({ tableId: z.uuid() });
