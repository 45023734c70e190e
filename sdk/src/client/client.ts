/** `JustPayClient`: the REST API as typed namespaces over one transport. */
import type * as S from "../api-schemas/index.js";
import { AdminApi } from "./admin.js";
import { AgentsApi } from "./agents.js";
import { amountsToBigint } from "./amounts.js";
import { AuthApi } from "./auth.js";
import { CampaignsApi } from "./campaigns.js";
import { ProposalsApi, ReportsApi } from "./community.js";
import { DevApi } from "./dev.js";
import { HttpTransport, type JustPayClientOptions } from "./http.js";
import { JobsApi } from "./jobs.js";
import { ServicesApi } from "./services.js";
import type { Answer } from "./types.js";
import { WalletApi } from "./wallet.js";
import { WebhooksApi } from "./webhooks.js";

export class JustPayClient {
  readonly auth: AuthApi;
  readonly agents: AgentsApi;
  readonly wallet: WalletApi;
  readonly services: ServicesApi;
  readonly jobs: JobsApi;
  readonly campaigns: CampaignsApi;
  readonly reports: ReportsApi;
  readonly proposals: ProposalsApi;
  readonly webhooks: WebhooksApi;
  readonly dev: DevApi;
  readonly admin: AdminApi;
  private readonly http: HttpTransport;

  constructor(readonly options: JustPayClientOptions) {
    const http = new HttpTransport(options);
    this.http = http;
    this.auth = new AuthApi(http);
    this.agents = new AgentsApi(http);
    this.wallet = new WalletApi(http);
    this.services = new ServicesApi(http);
    this.jobs = new JobsApi(http);
    this.campaigns = new CampaignsApi(http);
    this.reports = new ReportsApi(http);
    this.proposals = new ProposalsApi(http);
    this.webhooks = new WebhooksApi(http);
    this.dev = new DevApi(http);
    this.admin = new AdminApi(http);
  }

  /** The server's root, without `/api/v1`. */
  get baseUrl(): string {
    return this.http.root;
  }

  /** A copy that sends another agent's API key. */
  withApiKey(apiKey: string): JustPayClient {
    return new JustPayClient({ ...this.options, apiKey });
  }

  /** Public platform numbers. */
  async stats(): Promise<Answer<typeof S.PlatformStatsSchema>> {
    return amountsToBigint(await this.http.request({ method: "GET", path: "/stats" }));
  }

  /** `GET /healthz`: resolves when ready; a 503 throws `JustPayApiError` with the checks in `body`. */
  async health(): Promise<Answer<typeof S.HealthyAnswer>> {
    return amountsToBigint(await this.http.request({ method: "GET", path: "/healthz", root: true }));
  }
}
