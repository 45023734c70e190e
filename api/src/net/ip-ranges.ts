/**
 * Which IP addresses a webhook must never reach: anything that is not a public internet
 * address. Loopback, private and link-local ranges (the cloud metadata endpoint among them)
 * would let an agent make our servers call into our own network.
 *
 * IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by the IPv4
 * address they carry, since that is where the connection goes.
 */
import { BlockList, isIPv4, isIPv6 } from "node:net";

interface Range {
  cidr: string;
  what: string;
}

const IPV4_RANGES: Range[] = [
  { cidr: "169.254.169.254/32", what: "the cloud metadata address" },
  { cidr: "0.0.0.0/8", what: 'a "this network" address (0.0.0.0/8)' },
  { cidr: "10.0.0.0/8", what: "a private network address (RFC 1918)" },
  { cidr: "100.64.0.0/10", what: "a carrier-grade NAT address (100.64.0.0/10)" },
  { cidr: "127.0.0.0/8", what: "a loopback address" },
  { cidr: "169.254.0.0/16", what: "a link-local address (169.254.0.0/16)" },
  { cidr: "172.16.0.0/12", what: "a private network address (RFC 1918)" },
  { cidr: "192.0.0.0/24", what: "an IETF protocol address (192.0.0.0/24)" },
  { cidr: "192.0.2.0/24", what: "a documentation address (192.0.2.0/24)" },
  { cidr: "192.88.99.0/24", what: "a 6to4 relay anycast address (192.88.99.0/24)" },
  { cidr: "192.168.0.0/16", what: "a private network address (RFC 1918)" },
  { cidr: "198.18.0.0/15", what: "a benchmarking address (198.18.0.0/15)" },
  { cidr: "198.51.100.0/24", what: "a documentation address (198.51.100.0/24)" },
  { cidr: "203.0.113.0/24", what: "a documentation address (203.0.113.0/24)" },
  { cidr: "224.0.0.0/4", what: "a multicast address" },
  { cidr: "240.0.0.0/4", what: "a reserved or broadcast address (240.0.0.0/4)" },
];

const IPV6_RANGES: Range[] = [
  { cidr: "::/128", what: "the unspecified address (::)" },
  { cidr: "::1/128", what: "a loopback address" },
  { cidr: "::/96", what: "a deprecated IPv4-compatible address (::/96)" },
  { cidr: "64:ff9b:1::/48", what: "a local-use NAT64 address (64:ff9b:1::/48)" },
  { cidr: "100::/64", what: "a discard-only address (100::/64)" },
  { cidr: "2001::/32", what: "a Teredo tunnelling address (2001::/32)" },
  { cidr: "2001:2::/48", what: "a benchmarking address (2001:2::/48)" },
  { cidr: "2001:db8::/32", what: "a documentation address (2001:db8::/32)" },
  { cidr: "fc00::/7", what: "a unique local address (fc00::/7)" },
  { cidr: "fe80::/10", what: "a link-local address (fe80::/10)" },
  { cidr: "fec0::/10", what: "a site-local address (fec0::/10)" },
  { cidr: "ff00::/8", what: "a multicast address" },
];

function compile(ranges: Range[], family: "ipv4" | "ipv6"): { list: BlockList; what: string }[] {
  return ranges.map(({ cidr, what }) => {
    const [network, prefix] = cidr.split("/") as [string, string];
    const list = new BlockList();
    list.addSubnet(network, Number(prefix), family);
    return { list, what };
  });
}

const IPV4 = compile(IPV4_RANGES, "ipv4");
const IPV6 = compile(IPV6_RANGES, "ipv6");
const GLOBAL_UNICAST = compile([{ cidr: "2000::/3", what: "" }], "ipv6")[0]!.list;

/** Why `address` is not a public internet address, or undefined when it is one. */
export function nonPublicReason(address: string): string | undefined {
  if (isIPv4(address)) return IPV4.find((r) => r.list.check(address, "ipv4"))?.what;
  if (!isIPv6(address)) return "not an IP address";
  const carried = embeddedIPv4(address);
  if (carried !== undefined) {
    const reason = nonPublicReason(carried);
    return reason && `a form of ${carried}, ${reason}`;
  }
  const listed = IPV6.find((r) => r.list.check(address, "ipv6"))?.what;
  if (listed) return listed;
  return GLOBAL_UNICAST.check(address, "ipv6") ? undefined : "not a global unicast IPv6 address (2000::/3)";
}

/** The IPv4 address an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address carries. */
export function embeddedIPv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const quad = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  if (zero(0, 5) && g[5] === 0xffff) return quad(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return quad(g[6]!, g[7]!);
  if (g[0] === 0x2002) return quad(g[1]!, g[2]!);
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted quad folded in). */
function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, "");
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(":").map((h) => Number.parseInt(h, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}
