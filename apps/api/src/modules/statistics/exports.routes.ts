/**
 * The de-identified, k-anonymous record files: `GET /api/stats/export.csv` and `.json`, one row per
 * discussed situation, streamed. Every export is audited before its first byte.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { problemSchema } from '@fourfold/shared/problem';
import { statsExportQuerySchema } from '@fourfold/shared/statistics';
import { text } from '@fourfold/shared/input';
import type { DB } from '../../db/schema';
import { requireActor } from '../../lib/access';
import { readProblems } from '../../lib/route-problems';
import { createExportsService, type ExportFormat } from './exports.service';

const tags = ['statistics'];

const fileSchema = (id: string, description: string) =>
  text().meta({ id, description, format: 'binary' });

const description =
  'One row per situation discussed at filter 2 (never identity, free text or an exact day), ' +
  'k-anonymous on table, period, situation type, age band and gender: per table and calendar ' +
  'year, groups smaller than the threshold are generalised to the quarter, the year, then the ' +
  'year and a wide age band, and withheld if still too small. A row is included when its ' +
  'published period overlaps [from, to], so a quarter or year class appears whole. ' +
  'Without tableId: every table where the caller holds statistics.export. Audited.';

export const exportsRoutes: FastifyPluginAsyncZod<{
  db: Kysely<DB>;
  /** A read replica for the facts, when configured. */
  readDb?: Kysely<DB>;
  threshold: number;
}> = async (app, { db, readDb, threshold }) => {
  const service = createExportsService({ db, ...(readDb ? { readDb } : {}), threshold });

  async function send(reply: FastifyReply, download: Awaited<ReturnType<typeof service.open>>) {
    return reply
      .type(download.contentType)
      .header('content-disposition', `attachment; filename="${download.fileName}"`)
      .header('cache-control', 'no-store')
      .send(download.body);
  }

  const routes: Array<{ format: ExportFormat; mime: string; schemaId: string }> = [
    { format: 'csv', mime: 'text/csv', schemaId: 'StatsExportCsv' },
    { format: 'json', mime: 'application/json', schemaId: 'StatsExportJson' },
  ];
  for (const { format, mime, schemaId } of routes) {
    app.get(
      `/stats/export.${format}`,
      {
        config: { access: { permission: 'statistics.export' } },
        schema: {
          tags,
          summary: `The de-identified record file as ${format.toUpperCase()} (statistics.export, audited)`,
          description,
          querystring: statsExportQuerySchema,
          response: {
            200: {
              description: `The rows, streamed; the ${
                format === 'csv' ? "last line is a '# rows: …' comment" : "'notes' come last"
              }. A download cut short is incomplete.`,
              content: { [mime]: { schema: fileSchema(schemaId, `The export as ${mime}.`) } },
            },
            ...readProblems,
            503: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const download = await service.open(requireActor(request), request.query, format, {
          requestId: request.id,
        });
        // A stream is sent as it is (no serializer runs); the schema documents it as a string.
        return send(reply, download) as unknown as string;
      },
    );
  }
};
