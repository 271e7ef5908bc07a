/** Two-step verification of one's own account: set up, confirm, turn off, new recovery codes. */
import { sessionResponseSchema, type SessionResponse } from '@fourfold/shared/auth';
import {
  recoveryCodesResponseSchema,
  secondFactorConfirmResponseSchema,
  secondFactorSetupResponseSchema,
  type SecondFactorConfirmResponse,
  type SecondFactorProof,
  type SecondFactorSetupResponse,
} from '@fourfold/shared/credentials';
import { apiRequest } from '../../../lib/api-client';

export function setUpSecondFactor(password: string): Promise<SecondFactorSetupResponse> {
  return apiRequest('/me/second-factor/setup', {
    method: 'POST',
    body: { password },
    schema: secondFactorSetupResponseSchema,
  });
}

export function confirmSecondFactor(code: string): Promise<SecondFactorConfirmResponse> {
  return apiRequest('/me/second-factor/confirm', {
    method: 'POST',
    body: { code },
    schema: secondFactorConfirmResponseSchema,
  });
}

export function turnOffSecondFactor(proof: SecondFactorProof): Promise<SessionResponse> {
  return apiRequest('/me/second-factor', {
    method: 'DELETE',
    body: proof,
    schema: sessionResponseSchema,
  });
}

export async function replaceRecoveryCodes(proof: SecondFactorProof): Promise<string[]> {
  const answer = await apiRequest('/me/second-factor/recovery-codes', {
    method: 'POST',
    body: proof,
    schema: recoveryCodesResponseSchema,
  });
  return answer.recoveryCodes;
}
