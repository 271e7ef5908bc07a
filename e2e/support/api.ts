/**
 * Calls the API from the test process, for seeding what a browser test needs (situations walked
 * to a stage) faster than through the screens, with a demo person's own session. What is being
 * tested still happens in the browser.
 */
import { inject } from 'vitest';
import { DEMO_PASSWORD } from './sign-in';

export type ApiSession = {
  accessToken: string;
  me: { agency: { id: string } | null; memberships: { table: { id: string } }[] };
};

/** One call: JSON in and out, the ETag of the answer; any failure throws with the status. */
export async function api(
  token: string | null,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  etag?: string | null,
): Promise<{ json: unknown; etag: string | null }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (etag) headers['if-match'] = etag;
  const response = await fetch(`${inject('baseUrl')}/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return { json: text ? JSON.parse(text) : null, etag: response.headers.get('etag') };
}

/** A demo person's session, signed in with the demo password. */
export async function apiLogin(email: string): Promise<ApiSession> {
  return (await api(null, 'POST', '/auth/login', { email, password: DEMO_PASSWORD }))
    .json as ApiSession;
}
