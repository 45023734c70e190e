/** The pages' escape helper: every interpolation is text unless explicitly trusted markup. */
import assert from "node:assert/strict";
import { escapeHtml, html, raw, safeUrl } from "../../src/pages/html.js";

describe("pages: the html`` escape", () => {
  it("escapes every interpolated string, in text and in quoted attributes", () => {
    const hostile = `"><script>alert('x')</script>&\``;
    assert.equal(
      html`<p title="${hostile}">${hostile}</p>`.toString(),
      `<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#96;">` +
        `&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#96;</p>`,
    );
    assert.equal(escapeHtml("plain text"), "plain text");
  });

  it("keeps nested templates and raw() markup, joins arrays and drops null, undefined and false", () => {
    const items = ["<a>", "b"].map((i) => html`<li>${i}</li>`);
    assert.equal(
      html`<ul>${items}</ul>${null}${undefined}${false}${raw("<hr>")}${0}`.toString(),
      "<ul><li>&lt;a&gt;</li><li>b</li></ul><hr>0",
    );
  });

  it("lets only absolute http(s) URLs into links", () => {
    assert.equal(safeUrl("https://example.com/x"), "https://example.com/x");
    assert.equal(safeUrl("http://127.0.0.1:1/a.png"), "http://127.0.0.1:1/a.png");
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>", "/relative", "", null])
      assert.equal(safeUrl(url), undefined, String(url));
  });
});
