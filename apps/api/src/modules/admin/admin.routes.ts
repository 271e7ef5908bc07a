/**
 * Administration under /api/admin: agencies, situation tables (member agencies, agreement,
 * members), users and the code lists. Administrators only; they manage who may see what, and no
 * answer here carries situation content.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { DatabaseHandle } from '../../db/database';
import type { Mailer } from '../../lib/mailer';
import { agenciesRoutes } from './agencies.routes';
import { codeListsRoutes } from './code-lists.routes';
import { createCodeListsService } from './code-lists.service';
import { createAgenciesService } from './agencies.service';
import { createMembersService } from './members.service';
import { tablesRoutes } from './tables.routes';
import { createTablesService } from './tables.service';
import { usersRoutes } from './users.routes';
import { createUsersService } from './users.service';

export const adminRoutes: FastifyPluginAsync<{
  database: DatabaseHandle;
  mailer: Mailer;
  publicUrl: string;
}> = async (app, { database, mailer, publicUrl }) => {
  const db = database.db;
  const prefix = '/admin';
  await app.register(agenciesRoutes, { prefix, agencies: createAgenciesService(db) });
  await app.register(tablesRoutes, {
    prefix,
    tables: createTablesService(db),
    members: createMembersService(db),
  });
  await app.register(usersRoutes, { prefix, users: createUsersService({ db, mailer, publicUrl }) });
  await app.register(codeListsRoutes, {
    prefix: `${prefix}/code-lists`,
    codeLists: createCodeListsService(db),
  });
};
