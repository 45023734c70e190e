/**
 * The committed API reference (docs/openapi.json and docs/api-reference.md) is what the server
 * serves today: a route added or changed without `npm run docs:api` fails here.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { renderReference } from "../../src/http/reference/render-reference.js";
import { servedOpenApi } from "../support/openapi-document.js";

describe("the committed API reference", () => {
  it("equals the served OpenAPI document and its Markdown rendering (run `npm run docs:api` when it fails)", async () => {
    const doc = await servedOpenApi();
    const committed = JSON.parse(await readFile("docs/openapi.json", "utf8"));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(doc)));
    assert.equal(await readFile("docs/api-reference.md", "utf8"), `${renderReference(doc)}\n`);
  });

  it("renders an operation's auth, fields with their limits, and answers", () => {
    const md = renderReference({
      info: { title: "T", version: "1" },
      paths: {
        "/x/{id}": {
          post: {
            summary: "Do x",
            tags: ["things"],
            security: [{ bearerAuth: [] }],
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            requestBody: {
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["kind"],
                    properties: { kind: { enum: ["a", "b"] }, note: { type: "string", maxLength: 10 } },
                  },
                },
              },
            },
            responses: { "200": {}, "404": {} },
          },
        },
      },
    });
    assert.match(md, /### `POST \/x\/\{id\}`/);
    assert.match(md, /\*\*Do x\*\*\. Auth: Bearer key\. Answers: 200, 404\./);
    assert.match(md, /\| `kind` \| body \| "a" \\\| "b" \| yes \|/);
    assert.match(md, /\| `note` \| body \| string \| no \| length 0-10 \|/);
  });
});
