import assert from "node:assert/strict";
import { embeddedIPv4, nonPublicReason } from "../../src/net/ip-ranges.js";

describe("net: which addresses are public", () => {
  const refused: [string, RegExp][] = [
    ["127.0.0.1", /loopback/],
    ["127.255.255.254", /loopback/],
    ["10.1.2.3", /private network address \(RFC 1918\)/],
    ["172.16.0.1", /RFC 1918/],
    ["172.31.255.255", /RFC 1918/],
    ["192.168.1.1", /RFC 1918/],
    ["100.64.0.1", /carrier-grade NAT/],
    ["100.127.255.255", /carrier-grade NAT/],
    ["169.254.169.254", /cloud metadata/],
    ["169.254.1.1", /link-local/],
    ["0.0.0.0", /this network/],
    ["0.1.2.3", /this network/],
    ["224.0.0.1", /multicast/],
    ["239.255.255.250", /multicast/],
    ["255.255.255.255", /broadcast/],
    ["192.0.2.10", /documentation/],
    ["198.18.0.1", /benchmarking/],
    ["::1", /loopback/],
    ["::", /unspecified/],
    ["fd00::1", /unique local/],
    ["fc00::1", /unique local/],
    ["fe80::1", /link-local/],
    ["fe80::1%eth0", /link-local/],
    ["febf:ffff::1", /link-local/],
    ["ff02::1", /multicast/],
    ["2001:db8::1", /documentation/],
    ["::ffff:127.0.0.1", /a form of 127\.0\.0\.1, a loopback address/],
    ["::ffff:7f00:1", /a form of 127\.0\.0\.1, a loopback/],
    ["::ffff:a9fe:a9fe", /a form of 169\.254\.169\.254, the cloud metadata address/],
    ["0:0:0:0:0:ffff:10.0.0.1", /a form of 10\.0\.0\.1, a private/],
    ["64:ff9b::10.0.0.1", /a form of 10\.0\.0\.1/],
    ["2002:c0a8:101::1", /a form of 192\.168\.1\.1/],
    ["::127.0.0.1", /IPv4-compatible/],
    ["2001::1", /Teredo/],
    ["4000::1", /not a global unicast/],
  ];
  for (const [address, why] of refused)
    it(`refuse ${address}`, () => {
      assert.match(nonPublicReason(address) ?? "(public)", why);
    });

  for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
    it(`accept the public address ${address}`, () => {
      assert.equal(nonPublicReason(address), undefined);
    });

  it("find the IPv4 address inside mapped, NAT64 and 6to4 forms, and nothing in others", () => {
    assert.equal(embeddedIPv4("::ffff:1.2.3.4"), "1.2.3.4");
    assert.equal(embeddedIPv4("64:ff9b::102:304"), "1.2.3.4");
    assert.equal(embeddedIPv4("2002:102:304:1::"), "1.2.3.4");
    assert.equal(embeddedIPv4("2606:4700::1"), undefined);
  });
});
