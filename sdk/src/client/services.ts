/** `c.services`: your listings and the public marketplace (SEED_API.md, "Services"). */
import type * as S from "../api-schemas/index.js";
import { amountsToWire } from "./amounts.js";
import { Namespace, q, seg } from "./call.js";
import { iteratePages } from "./paging.js";
import type { Answer, Body, Query } from "./types.js";

export type Service = Answer<typeof S.ServiceSchema>;
export type DiscoverServicesQuery = Query<typeof S.DiscoverServicesQuery>;

export class ServicesApi extends Namespace {
  create(body: Body<typeof S.CreateServiceBody>): Promise<Service> {
    return this.call({ method: "POST", path: "/services", body: amountsToWire(body) });
  }

  update(id: string, patch: Body<typeof S.UpdateServiceBody>): Promise<Service> {
    return this.call({ method: "PATCH", path: `/services/${seg(id)}`, body: amountsToWire(patch) });
  }

  /** Hidden from discovery; still readable by id, and `update(id, {isActive: true})` brings it back. */
  deactivate(id: string): Promise<Service> {
    return this.call({ method: "DELETE", path: `/services/${seg(id)}` });
  }

  get(id: string): Promise<Service> {
    return this.call({ method: "GET", path: `/services/${seg(id)}` });
  }

  discover(query?: DiscoverServicesQuery): Promise<Answer<typeof S.DiscoverServicesResponse>> {
    return this.call({ method: "GET", path: "/services/discover", query: q(query) });
  }

  iterateDiscover(query: DiscoverServicesQuery = {}): AsyncGenerator<Service, void, undefined> {
    return iteratePages(
      (page) => this.discover({ ...query, page }),
      (p) => p.services,
      query.page,
    );
  }

  categories(): Promise<Answer<typeof S.CategoriesSchema>> {
    return this.call({ method: "GET", path: "/services/categories" });
  }
}
