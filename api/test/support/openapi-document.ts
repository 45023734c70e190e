/** The OpenAPI document of the real app, as `/docs/json` serves it (for the reference and its test). */
import type { OpenApiDocument } from "../../src/http/reference/render-reference.js";
import { startTestApi } from "./test-api.js";

export async function servedOpenApi(): Promise<OpenApiDocument> {
  const api = await startTestApi({ label: "openapi_doc" });
  try {
    const res = await api.request({ method: "GET", url: "/docs/json" });
    if (res.statusCode !== 200) throw new Error(`/docs/json answered ${res.statusCode}`);
    return res.json();
  } finally {
    await api.close();
  }
}
