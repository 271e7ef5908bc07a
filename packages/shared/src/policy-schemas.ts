/**
 * The zod schemas of the access policy's and the state machine's closed lists, for the request and
 * answer schemas that carry a role or a stage. Built from the plain lists in `access-policy.ts` and
 * `situation-workflow.ts`, which stay free of zod so that the web's first download can run them.
 */
import { z } from 'zod';
import { permissions, roles } from './access-policy';
import { stages } from './situation-workflow';

export const stageSchema = z.enum(stages);
export const roleSchema = z.enum(roles);
export const permissionSchema = z.enum(permissions);
