import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SinkMessage = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
};

/** A real SMTP server in the test process; every accepted message is parsed and handed over. */
export async function startSmtpSink(options: {
  port?: number;
  onMessage?: (message: SinkMessage) => void;
  /** Return an error message to reject the recipient (simulates a failing relay). */
  rejectRecipient?: (address: string) => string | undefined;
  /** Awaited before a message is accepted: keeps the sender's job running for as long as a test needs. */
  holdData?: () => Promise<void>;
}) {
  const messages: SinkMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const rejection = options.rejectRecipient?.(address.address);
      callback(rejection ? Object.assign(new Error(rejection), { responseCode: 451 }) : undefined);
    },
    onData(stream, session, callback) {
      Promise.all([simpleParser(stream), options.holdData?.()])
        .then(([parsed]) => {
          const message: SinkMessage = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? "",
              contentType: a.contentType,
              content: a.content.toString("base64"),
            })),
          };
          messages.push(message);
          options.onMessage?.(message);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
