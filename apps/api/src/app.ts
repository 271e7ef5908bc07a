/**
 * buildApp(config, deps) assembles the API and never listens: server.ts listens, tests inject.
 * Plugins are registered in a deliberate order, explained beside each.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { DatabaseHandle } from './db/database';
import { findUp } from './lib/find-up';
import type { AppSecrets } from './lib/app-secrets';
import { createIdentityVault } from './lib/identity-vault';
import { createMailer, type Mailer } from './lib/mailer';
import './lib/route-access';
import { loggerOptions } from './logger';
import { actionItemsRoutes } from './modules/action-items/action-items.routes';
import { agreementsRoutes } from './modules/agreements/agreements.routes';
import { adminRoutes } from './modules/admin/admin.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { createAuthService } from './modules/auth/auth.service';
import { linksRoutes } from './modules/auth/links.routes';
import { passwordChangeRoutes } from './modules/auth/password-change.routes';
import { secondFactorRoutes } from './modules/auth/second-factor.routes';
import { createTotpSecrets } from './modules/auth/totp-secrets';
import { healthRoutes } from './modules/health/health.routes';
import { createMeetingRoomService } from './modules/meetings/meeting-room.service';
import { meetingsRoutes } from './modules/meetings/meetings.routes';
import { createMeetingsService } from './modules/meetings/meetings.service';
import { meetingStreamRoutes } from './modules/meetings/meeting-stream.routes';
import { membershipsRoutes } from './modules/memberships/memberships.routes';
import { createMembershipsService } from './modules/memberships/memberships.service';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { createNotificationsService } from './modules/notifications/notifications.service';
import { minutesRoutes } from './modules/minutes/minutes.routes';
import { createSituationSteps } from './modules/situations/situation-steps';
import { situationsRoutes } from './modules/situations/situations.routes';
import { openStatisticsDatabase } from './modules/statistics/statistics-database';
import { statisticsRoutes } from './modules/statistics/statistics.routes';
import { createStatisticsService } from './modules/statistics/statistics.service';
import { exportsRoutes } from './modules/statistics/exports.routes';
import { taxonomyRoutes } from './modules/taxonomy/taxonomy.routes';
import { workRoutes } from './modules/work/work.routes';
import { createWorkService } from './modules/work/work.service';
import authentication from './plugins/authentication';
import compression from './plugins/compression';
import errors, { frameworkErrors } from './plugins/errors';
import openapi from './plugins/openapi';
import requestLog from './plugins/request-log';
import responseSerialization from './plugins/response-serialization';
import security from './plugins/security';
import web from './plugins/web';

export type AppDeps = {
  database: DatabaseHandle;
  secrets: AppSecrets;
  /** Sends one-time links and notices; by default built from config (SMTP_URL or the outbox). */
  mailer?: Mailer;
  /** Extra routes registered under /api after the product's own; tests use it to provoke errors. */
  extraApiRoutes?: (app: FastifyInstance) => Promise<void>;
  /**
   * Also encode every answer with its zod schema and fail the request on any mismatch with the
   * compiled serializer (plugins/response-serialization.ts). Default: on when NODE_ENV is test.
   */
  checkResponses?: boolean;
};

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    // Our own request log (one line, route pattern only) replaces Fastify's two lines with URLs.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    // Our own ids: a caller-supplied X-Request-Id is not trusted into logs.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true },
    // A URL the router cannot decode (bad percent-encoding, an overlong parameter) is answered
    // before any route or hook: problem+json too, never Fastify's default that echoes the path.
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Answers are written by compiled schemas (only declared fields leave); before any route.
  await app.register(responseSerialization, {
    checkWithZod: deps.checkResponses ?? config.env === 'test',
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // 1. Errors first, so that every later plugin's failures leave as problem+json.
  await app.register(errors);
  // 2. Request log and security headers wrap every route, including docs and static files.
  await app.register(requestLog);
  await app.register(security);
  //    Compression too: it attaches itself to each route as the route is added, so before any.
  await app.register(compression);
  // 3. Authentication sees every route through onRoute (refusing any without a declared access),
  //    so it must exist before any route is added; so must OpenAPI, which collects them likewise.
  const db = deps.database.db;
  // One mailer for the process: one-time links and notices reach people only through it.
  const mailer = deps.mailer ?? createMailer(config.mail, app.log.child({ module: 'mail' }));
  app.addHook('onClose', async () => mailer.close());
  // Authenticator-app secrets are sealed with the same key ring as identity.
  const totpSecrets = createTotpSecrets(createIdentityVault(deps.secrets.identityKeys));
  const authService = createAuthService({
    db,
    tokenSecret: deps.secrets.tokenSecret,
    signAccessToken: (claims) => app.jwt.sign(claims),
    totpSecrets,
  });
  await app.register(authentication, {
    tokenSecret: deps.secrets.tokenSecret,
    db,
    authService: () => authService,
  });
  await app.register(openapi);
  // 4. The API itself.
  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      await api.register(healthRoutes, { database: deps.database });
      await api.register(authRoutes, { authService });
      await api.register(secondFactorRoutes, {
        db,
        authService,
        totpSecrets,
        secrets: deps.secrets,
      });
      await api.register(passwordChangeRoutes, {
        db,
        authService,
        totpSecrets,
        secrets: deps.secrets,
      });
      await api.register(linksRoutes, { db, authService, totpSecrets, secrets: deps.secrets });
      await api.register(agreementsRoutes, { db });
      await api.register(taxonomyRoutes, { database: deps.database });
      await api.register(situationsRoutes, { db, secrets: deps.secrets, config });
      await api.register(actionItemsRoutes, { db, secrets: deps.secrets, config });
      await api.register(meetingsRoutes, {
        meetings: createMeetingsService({ db }),
        room: createMeetingRoomService({
          db,
          steps: createSituationSteps({ db, identityRetentionDays: config.identityRetentionDays }),
        }),
      });
      await api.register(auditRoutes, { db });
      await api.register(membershipsRoutes, { db });
      await api.register(notificationsRoutes, { service: createNotificationsService({ db }) });
      await api.register(minutesRoutes, { db });
      await api.register(workRoutes, {
        work: createWorkService({
          db,
          meetings: createMeetingsService({ db }),
          memberships: createMembershipsService({ db }),
        }),
      });
      // Statistics read through a replica when DATABASE_READ_URL names one (closed with the app).
      const statisticsDatabase = openStatisticsDatabase(config.database, db);
      app.addHook('onClose', async () => statisticsDatabase.close());
      await api.register(statisticsRoutes, {
        statistics: createStatisticsService({
          db,
          readDb: statisticsDatabase.db,
          threshold: config.statistics.suppressionThreshold,
        }),
      });
      await api.register(exportsRoutes, {
        db,
        readDb: statisticsDatabase.db,
        threshold: config.statistics.suppressionThreshold,
      });
      // The live view LISTENs on the database, so it takes the handle, not only Kysely.
      await api.register(meetingStreamRoutes, { database: deps.database, authService });
      await api.register(adminRoutes, {
        database: deps.database,
        mailer,
        publicUrl: config.publicUrl,
      });
      if (deps.extraApiRoutes) await deps.extraApiRoutes(api);
    },
    { prefix: '/api' },
  );
  // 5. Last, the web app and the not-found answer for everything else.
  await app.register(web, { root: config.webDistDir ?? findWebDist() });

  return app;
}

function findWebDist(): string | undefined {
  const index = findUp('apps/web/dist/index.html');
  return index ? index.slice(0, -'/index.html'.length) : undefined;
}
