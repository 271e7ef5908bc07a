/**
 * The analyst's access token, renewed through the real sign-in route before it expires (ten
 * minutes), so that a long run never measures a 401.
 */
import { signIn, type Analyst } from '../lib/analyst';

const RENEW_AFTER_MS = 5 * 60_000;
let current: { baseUrl: string; analyst: Analyst } | undefined;
let token: { value: Promise<string>; at: number } | undefined;

export function useAnalyst(baseUrl: string, analyst: Analyst) {
  current = { baseUrl, analyst };
  token = undefined;
}

export function analystToken(): Promise<string> {
  if (!current) throw new Error('no analyst: call useAnalyst first');
  if (!token || Date.now() - token.at > RENEW_AFTER_MS) {
    token = { value: signIn(current.baseUrl, current.analyst), at: Date.now() };
  }
  return token.value;
}
