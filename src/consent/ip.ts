import { isIP } from "node:net";

/**
 * Keeps only the network part of an address (IPv4 /24, IPv6 /48): enough to show where a
 * decision came from, too little to single out a device. The full address is never stored.
 */
export function truncateIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return truncateIp(mapped[1]!);
  const kind = isIP(ip);
  if (kind === 4) return `${ip.split(".").slice(0, 3).join(".")}.0/24`;
  if (kind === 6) return `${expandIpv6(ip).slice(0, 3).join(":")}::/48`;
  throw new Error("not an IP address");
}

function expandIpv6(ip: string): string[] {
  const [head = "", tail] = ip.split("::");
  const part = (s: string) => (s ? s.split(":") : []);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(missing, 0)).fill("0"), ...right].map((h) => (h.includes(".") ? h : Number.parseInt(h, 16).toString(16)));
}
