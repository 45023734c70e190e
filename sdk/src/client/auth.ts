/** `c.auth`: registration, key checks and API keys (SEED_API.md, "Authentication"). */
import type * as S from "../api-schemas/index.js";
import { Namespace, seg } from "./call.js";
import type { Answer, Body } from "./types.js";

class ApiKeys extends Namespace {
  /** Every key of the agent, revoked ones included (never the key itself). */
  list(): Promise<Answer<typeof S.KeyList>> {
    return this.call({ method: "GET", path: "/auth/keys" });
  }

  /** A new key, shown only in this answer. */
  create(body: NonNullable<Body<typeof S.NewKeyBody>> = {}): Promise<Answer<typeof S.NewKey>> {
    return this.call({ method: "POST", path: "/auth/keys", body });
  }

  revoke(keyId: string): Promise<Answer<typeof S.RevokedKey>> {
    return this.call({ method: "DELETE", path: `/auth/keys/${seg(keyId)}` });
  }
}

export class AuthApi extends Namespace {
  readonly keys = new ApiKeys(this.http);

  /** Creates the agent, its custodial wallet and its first API key (in `apiKey`, shown only here). */
  register(body: Body<typeof S.RegisterBody>): Promise<Answer<typeof S.RegisterResponse>> {
    return this.call({ method: "POST", path: "/auth/register", body });
  }

  verify(): Promise<Answer<typeof S.VerifyKeyResponse>> {
    return this.call({ method: "GET", path: "/auth/verify" });
  }
}
