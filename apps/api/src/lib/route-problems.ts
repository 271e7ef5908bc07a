/**
 * The problem answers a route declares in its OpenAPI schema, by kind of route, so that every
 * module describes its refusals the same way (and the fuzz suite knows what to expect).
 */
import { problemSchema } from '@fourfold/shared/problem';

/** What reading a resource can answer besides 200: bad input, no session, refused, hidden. */
export const readProblems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
};

/** What a versioned write can add: a step not possible now, stale or missing If-Match, invalid body. */
export const writeProblems = {
  ...readProblems,
  409: problemSchema,
  412: problemSchema,
  422: problemSchema,
  428: problemSchema,
};
