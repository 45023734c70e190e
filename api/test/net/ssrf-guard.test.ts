import assert from "node:assert/strict";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CallbackUrlError,
  checkCallbackUrl,
  guardedLookup,
  type ResolveHost,
  UnresolvableHostError,
  UnsafeAddressError,
} from "../../src/net/ssrf-guard.js";

describe("net: the SSRF guard for callback URLs", () => {
  describe("at save time (checkCallbackUrl)", () => {
    it("accepts an https URL whose host is a public address, and returns it", async () => {
      const vetted = await checkCallbackUrl("https://8.8.8.8/hook?x=1");
      assert.deepEqual(vetted.addresses, ["8.8.8.8"]);
      assert.equal(vetted.url.pathname, "/hook");
    });

    it("returns every address a host name resolves to", async () => {
      const resolve: ResolveHost = async () => ["8.8.8.8", "2606:4700:4700::1111"];
      const vetted = await checkCallbackUrl("https://myagent.dev/webhook", { resolve });
      assert.deepEqual(vetted.addresses, ["8.8.8.8", "2606:4700:4700::1111"]);
    });

    it("refuses http unless local mode allows it", async () => {
      await assert.rejects(checkCallbackUrl("http://8.8.8.8/hook"), {
        name: "CallbackUrlError",
        message: "callbackUrl must use https (plain http is accepted only in local mode)",
      });
      assert.deepEqual((await checkCallbackUrl("http://8.8.8.8/hook", { allowHttp: true })).addresses, ["8.8.8.8"]);
    });

    it("refuses other schemes, relative URLs and credentials", async () => {
      await assert.rejects(checkCallbackUrl("ftp://8.8.8.8/x"), /callbackUrl must be an https URL, not ftp/);
      await assert.rejects(checkCallbackUrl("/webhook"), /must be an absolute URL such as https:\/\/myagent\.dev/);
      await assert.rejects(checkCallbackUrl("https://user:pw@8.8.8.8/"), /must not contain a user name or password/);
      await assert.rejects(checkCallbackUrl("https://user@8.8.8.8/"), /must not contain a user name or password/);
    });

    it("names the field it checks", async () => {
      await assert.rejects(checkCallbackUrl("http://8.8.8.8/", { field: "websiteUrl" }), {
        message: /^websiteUrl must use https/,
      });
    });

    const literals: [string, RegExp][] = [
      ["https://127.0.0.1/", /127\.0\.0\.1 is a loopback address/],
      ["https://10.0.0.8/", /RFC 1918/],
      ["https://172.20.1.1/", /RFC 1918/],
      ["https://192.168.0.10/", /RFC 1918/],
      ["https://100.64.1.1/", /carrier-grade NAT/],
      ["https://169.254.169.254/latest/meta-data/", /169\.254\.169\.254 is the cloud metadata address/],
      ["https://169.254.10.10/", /link-local/],
      ["https://0.0.0.0/", /this network/],
      ["https://224.0.0.251/", /multicast/],
      ["https://[::1]/", /::1 is a loopback address/],
      ["https://[fd12:3456::1]/", /unique local/],
      ["https://[fe80::1]/", /link-local/],
      ["https://[ff02::1]/", /multicast/],
      ["https://[::ffff:127.0.0.1]/", /a form of 127\.0\.0\.1, a loopback/],
      ["https://[::ffff:169.254.169.254]/", /a form of 169\.254\.169\.254, the cloud metadata/],
      // WHATWG URL parsing normalises these IPv4 spellings to 127.0.0.1 before the check
      ["https://0177.0.0.1/", /127\.0\.0\.1 is a loopback/],
      ["https://2130706433/", /127\.0\.0\.1 is a loopback/],
      ["https://0x7f.1/", /127\.0\.0\.1 is a loopback/],
    ];
    for (const [url, why] of literals)
      it(`refuses ${url}`, async () => {
        await assert.rejects(checkCallbackUrl(url), (e: Error) => {
          assert.ok(e instanceof UnsafeAddressError, e.message);
          assert.match(e.message, why);
          assert.match(
            e.message,
            /^callbackUrl is not allowed: .*Webhooks are delivered only to public internet addresses$/,
          );
          return true;
        });
      });

    it("refuses a host name that resolves to loopback (localhost)", async () => {
      await assert.rejects(checkCallbackUrl("https://localhost:8443/hook"), {
        name: "UnsafeAddressError",
        message: /^callbackUrl is not allowed: localhost resolves to (127\.0\.0\.1|::1), a loopback address\./,
      });
    });

    it("refuses a host name when any one of its addresses is private", async () => {
      const resolve: ResolveHost = async () => ["8.8.8.8", "10.0.0.1"];
      await assert.rejects(
        checkCallbackUrl("https://mixed.example/", { resolve }),
        /mixed\.example resolves to 10\.0\.0\.1/,
      );
    });

    it("accepts private addresses when local mode allows them", async () => {
      const vetted = await checkCallbackUrl("http://localhost:3000/hook", { allowHttp: true, allowPrivate: true });
      assert.ok(vetted.addresses.length > 0);
      assert.ok(vetted.addresses.every((a) => a === "127.0.0.1" || a === "::1"));
    });

    it("refuses a host that does not resolve, with an error saying so", async () => {
      await assert.rejects(checkCallbackUrl("https://no-such-host.invalid/hook"), (e: Error) => {
        assert.ok(e instanceof UnresolvableHostError && e instanceof CallbackUrlError);
        assert.match(e.message, /^callbackUrl host no-such-host\.invalid does not resolve/);
        return true;
      });
    });
  });

  describe("at connect time (guardedLookup)", () => {
    let server: Server;
    let port: number;
    let hits: number;
    before(async () => {
      server = createServer((_req, res) => {
        hits++;
        res.end("ok");
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      port = (server.address() as AddressInfo).port;
    });
    beforeEach(() => {
      hits = 0;
    });
    after(() => new Promise((r) => server.close(r)));

    const get = (host: string, lookup: ReturnType<typeof guardedLookup>) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host, port, path: "/", agent: false, lookup }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });

    it("refuses to connect a socket to a loopback address", async () => {
      await assert.rejects(get("localhost", guardedLookup()), UnsafeAddressError);
      assert.equal(hits, 0);
    });

    it("connects when private addresses are allowed", async () => {
      const resolve: ResolveHost = async () => ["127.0.0.1"];
      assert.equal(await get("localhost", guardedLookup({ allowPrivate: true, resolve })), 200);
      assert.equal(hits, 1);
    });

    it("defeats DNS rebinding: a host that was public at check time and private at connect time is refused", async () => {
      // Given a host name that answers a public address first, then loopback
      const answers = [["8.8.8.8"], ["127.0.0.1"]];
      const resolve: ResolveHost = async () => answers.shift() ?? [];
      // When the URL is checked, then a request is sent through the guarded lookup
      await checkCallbackUrl(`https://rebind.example:${port}/`, { resolve });
      // Then the connection is refused before any byte reaches the private address
      await assert.rejects(
        get("rebind.example", guardedLookup({ resolve })),
        /rebind\.example resolves to 127\.0\.0\.1/,
      );
      assert.equal(hits, 0);
    });
  });
});
