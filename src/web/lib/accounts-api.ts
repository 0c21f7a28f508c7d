// The account links' API (src/http/routes/invitations.ts): inviting, opening and accepting an
// invitation, asking for and using a password reset link.
import type { InvitationInfo } from '../../services/invitations.ts';
import type { Role, User } from '../../services/types.ts';
import { ApiError, problemToError } from '../api.ts';
import { i18n } from '../i18n/index.ts';

export type { InvitationInfo };

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, i18n.t('api.networkError'), i18n.t('api.unreachable'));
  }
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw problemToError(res.status, data);
  return data as T;
}

const enc = encodeURIComponent;

export const accountsApi = {
  invite: (input: Record<string, unknown>) => call<InvitationInfo>('POST', '/api/invitations', input),
  pending: () => call<InvitationInfo[]>('GET', '/api/invitations'),
  withdraw: (id: string) => call<InvitationInfo>('DELETE', `/api/invitations/${enc(id)}`),
  openInvitation: (token: string) => call<InvitationInfo & { existingAccount: boolean }>('GET', `/api/invitation-links/${enc(token)}`),
  acceptInvitation: (token: string, password: string) => call<{ user: User }>('POST', `/api/invitation-links/${enc(token)}`, { password }),
  askReset: (email: string, language: string) => call<{ sent: true }>('POST', '/api/password-reset', { email, language }),
  reset: (token: string, password: string) => call<{ user: User }>('POST', `/api/password-reset/${enc(token)}`, { password }),
};

export interface Account {
  id: string;
  email: string;
  name: string;
  createdAt: string;
  memberships: { role: Role; scope: string; stateIso3?: string; cycleId?: string; questionKey?: string }[];
}

/** Every user with their memberships (secretariat administrators). */
export const listAccounts = () => call<Account[]>('GET', '/api/users');
