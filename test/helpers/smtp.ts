import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedPart {
  contentType: string;
  filename?: string;
  content: Buffer;
}

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  headers: Record<string, string>;
  /** The text/plain part, decoded. */
  text: string;
  attachments: ReceivedPart[];
  raw: string;
}

export interface TestSmtp {
  url: string;
  messages: ReceivedMail[];
  /** The messages sent to one address, oldest first. */
  to(address: string): ReceivedMail[];
  /** Refuse every recipient from now on (a mail server that is down for us). */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

/** A real SMTP server in this process, on a free port, keeping every message it accepts. */
export async function startSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, cb) {
      cb(refusing ? Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        messages.push({ ...parseMessage(raw), to: session.envelope.rcptTo.map((r) => r.address), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", raw });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address)),
    refuse: (on) => void (refusing = on),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The 6-digit code in a verification e-mail. */
export function codeIn(mail: ReceivedMail): string {
  const m = /^\s{4}(\d{6})$/m.exec(mail.text);
  if (!m) throw new Error("no code in the message");
  return m[1]!;
}

function parseMessage(raw: string): Omit<ReceivedMail, "to" | "from" | "raw"> {
  const top = parsePart(raw);
  const leaves = flatten(top);
  const text = leaves.find((p) => p.contentType.startsWith("text/plain") && !p.filename);
  return {
    subject: decodeWords(top.headers.subject ?? ""),
    headers: top.headers,
    // SMTP carries lines as CRLF; the text as written has LF.
    text: text ? text.content.toString("utf8").replace(/\r\n/g, "\n") : "",
    attachments: leaves.filter((p) => p.filename),
  };
}

interface Part extends ReceivedPart {
  headers: Record<string, string>;
  children: Part[];
}

function parsePart(raw: string): Part {
  const split = raw.indexOf("\r\n\r\n");
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? "" : raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const contentType = headers["content-type"] ?? "text/plain";
  const filename = /filename="?([^";]+)"?/.exec(headers["content-disposition"] ?? "")?.[1];
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (contentType.startsWith("multipart/") && boundary) {
    const children = body
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith("--"))
      .map((p) => parsePart(p.replace(/^\r\n/, "")));
    return { headers, contentType, content: Buffer.alloc(0), children };
  }
  return { headers, contentType, ...(filename && { filename }), content: decodeBody(body, headers["content-transfer-encoding"]), children: [] };
}

const flatten = (p: Part): Part[] => (p.children.length ? p.children.flatMap(flatten) : [p]);

function decodeBody(body: string, encoding = "7bit"): Buffer {
  const trimmed = body.replace(/\r\n$/, "");
  if (/base64/i.test(encoding)) return Buffer.from(trimmed.replace(/\s+/g, ""), "base64");
  if (/quoted-printable/i.test(encoding)) return quotedPrintable(trimmed);
  return Buffer.from(trimmed, "utf8");
}

function quotedPrintable(s: string): Buffer {
  const soft = s.replace(/=\r\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i]!, "utf8"));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words, as nodemailer writes subjects with diacritics. */
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_all, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : quotedPrintable(data.replace(/_/g, " ")).toString("utf8"),
    );
}
