/** `npm run docs:api`: writes docs/openapi.json and docs/api-reference.md from the served document. */
import { writeFile } from "node:fs/promises";
import { renderReference } from "@justpay/api";
import { servedOpenApi } from "@justpay/api/testing";

async function main(): Promise<void> {
  const doc = await servedOpenApi();
  await writeFile("docs/openapi.json", `${JSON.stringify(doc, null, 2)}\n`);
  await writeFile("docs/api-reference.md", `${renderReference(doc)}\n`);
  console.log(`docs/openapi.json and docs/api-reference.md: ${Object.keys(doc.paths).length} paths`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
