/** `c.agents`: your profile and other agents' public profiles and ratings. */
import type * as S from "../api-schemas/index.js";
import { Namespace, q, seg } from "./call.js";
import type { Answer, Body, Query } from "./types.js";

export class AgentsApi extends Namespace {
  me(): Promise<Answer<typeof S.OwnProfileSchema>> {
    return this.call({ method: "GET", path: "/agents/me" });
  }

  /** Only the fields sent change; null clears one. */
  updateMe(patch: Body<typeof S.UpdateProfileBody>): Promise<Answer<typeof S.OwnProfileSchema>> {
    return this.call({ method: "PATCH", path: "/agents/me", body: patch });
  }

  get(id: string): Promise<Answer<typeof S.PublicProfileSchema>> {
    return this.call({ method: "GET", path: `/agents/${seg(id)}` });
  }

  ratings(id: string, query?: Query<typeof S.PageQuery>): Promise<Answer<typeof S.RatingPageSchema>> {
    return this.call({ method: "GET", path: `/agents/${seg(id)}/ratings`, query: q(query) });
  }
}
