/** Browser side of /api/shares. */
import type { CreateShareBody, ShareSnapshot } from "../shares/snapshot";
import { requestJson } from "./json-api";

export interface CreatedShareResponse {
  id: string;
  url: string;
  createdAt: string;
  expiresAt: string | null;
  reused: boolean;
  revokeToken?: string;
}

export interface SharedConversationResponse {
  id: string;
  snapshot: ShareSnapshot;
  createdAt: string;
  expiresAt: string | null;
}

export const createShare = (body: CreateShareBody) => requestJson<CreatedShareResponse>("/api/shares", { method: "POST", body });

export const fetchShare = (id: string, signal?: AbortSignal) =>
  requestJson<SharedConversationResponse>(`/api/shares/${encodeURIComponent(id)}`, { signal });

export const revokeShare = (id: string, revokeToken: string) =>
  requestJson<{ revoked: true }>(`/api/shares/${encodeURIComponent(id)}`, { method: "DELETE", body: { revokeToken } });
