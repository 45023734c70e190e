/** `c.campaigns`: task pools, their claims and reviews (SEED_API.md, "Campaigns"). */
import type * as S from "../api-schemas/index.js";
import { type Amount, amountsToWire, toWireNumber } from "./amounts.js";
import { Namespace, q, seg } from "./call.js";
import type { Answer, Body, CallOptions, Query } from "./types.js";

export type Campaign = Answer<typeof S.CampaignSchema>;
export type CampaignTask = Answer<typeof S.TaskSchema>;

/** What `rejectTask` records when no reason is given (the API requires one; its hash goes on-chain). */
export const DEFAULT_REJECT_REASON = "Rejected by the campaign owner";

export class CampaignsApi extends Namespace {
  create(body: Body<typeof S.CreateCampaignBody>, options?: CallOptions): Promise<Campaign> {
    return this.money({ method: "POST", path: "/campaigns", body: amountsToWire(body) }, options);
  }

  /** Public: active campaigns with budget left. */
  discover(query?: Query<typeof S.DiscoverCampaignsQuery>): Promise<Answer<typeof S.CampaignList>> {
    return this.call({ method: "GET", path: "/campaigns/discover", query: q(query) });
  }

  get(id: string): Promise<Campaign> {
    return this.call({ method: "GET", path: `/campaigns/${seg(id)}` });
  }

  /** Your own campaigns. */
  list(query?: Query<typeof S.MyCampaignsQuery>): Promise<Answer<typeof S.CampaignList>> {
    return this.call({ method: "GET", path: "/campaigns", query: q(query) });
  }

  /** Take one task: its reward is committed from the pool until you deliver or the claim expires. */
  claim(id: string, options?: CallOptions): Promise<CampaignTask> {
    return this.money({ method: "POST", path: `/campaigns/${seg(id)}/claim` }, options);
  }

  deliver(id: string, taskId: string, output: unknown): Promise<CampaignTask> {
    return this.call({ method: "POST", path: `/campaigns/${seg(id)}/tasks/${seg(taskId)}/deliver`, body: { output } });
  }

  /** Owner: the campaign's tasks. */
  tasks(id: string, query?: Query<typeof S.TasksQuery>): Promise<Answer<typeof S.TaskList>> {
    return this.call({ method: "GET", path: `/campaigns/${seg(id)}/tasks`, query: q(query) });
  }

  acceptTask(id: string, taskId: string): Promise<CampaignTask> {
    return this.call({ method: "POST", path: `/campaigns/${seg(id)}/tasks/${seg(taskId)}/accept` });
  }

  rejectTask(id: string, taskId: string, reason: string = DEFAULT_REJECT_REASON): Promise<CampaignTask> {
    return this.call({
      method: "POST",
      path: `/campaigns/${seg(id)}/tasks/${seg(taskId)}/reject`,
      body: { reason },
    });
  }

  topUp(id: string, amount: Amount, options?: CallOptions): Promise<Campaign> {
    const body = { amount: toWireNumber(amount, "amount") };
    return this.money({ method: "POST", path: `/campaigns/${seg(id)}/top-up`, body }, options);
  }

  pause(id: string): Promise<Campaign> {
    return this.call({ method: "POST", path: `/campaigns/${seg(id)}/pause` });
  }

  resume(id: string): Promise<Campaign> {
    return this.call({ method: "POST", path: `/campaigns/${seg(id)}/resume` });
  }

  /** Refunds the uncommitted pool to the owner. */
  cancel(id: string): Promise<Campaign> {
    return this.call({ method: "POST", path: `/campaigns/${seg(id)}/cancel` });
  }
}
