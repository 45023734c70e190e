/** The test API (fresh schema, LocalChain, indexer, workers) listening on a real port for the CLI. */
import { startTestApi, type TestApi } from "@justpay/api/testing";

export interface ServedApi {
  api: TestApi;
  url: string;
  close(): Promise<void>;
}

export async function serveTestApi(label: string): Promise<ServedApi> {
  const api = await startTestApi({ label });
  const address = await api.app.listen({ port: 0, host: "127.0.0.1" });
  return { api, url: address, close: () => api.close() };
}
