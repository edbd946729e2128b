import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer, type SMTPServerSession } from 'smtp-server'

// A real SMTP server inside the test, keeping every message it accepts (raw and parsed) with its
// envelope; `answer` may refuse a recipient or a message with any SMTP code.

export interface Received {
  envelope: { from: string, to: string[] }
  raw: string
  mail: ParsedMail
}

export interface Refusal { code: number, message: string }

export interface Accepted { envelope: Received['envelope'], messageId: string | undefined }

export interface SmtpSink {
  url: string
  /** Every message accepted, parsed (unless the sink was started with parse: false). */
  received: Received[]
  /** Every message accepted: envelope and Message-ID only, read without a parser. */
  accepted: Accepted[]
  /** Every DATA the server was offered, accepted or not. */
  offered: number
  close: () => Promise<void>
}

export interface SinkOptions {
  /** Called for each RCPT TO; a refusal rejects that recipient. */
  rcpt?: (address: string) => Refusal | null
  /** Called for each message after it is read; a refusal rejects it. */
  data?: (mail: ParsedMail, attempt: number) => Refusal | null
  /** false: skip MIME parsing (and `data`), for tests that send hundreds of messages. */
  parse?: boolean
}

function refuse ({ code, message }: Refusal): Error {
  return Object.assign(new Error(message), { responseCode: code })
}

export async function startSmtp ({ rcpt, data, parse = true }: SinkOptions = {}): Promise<SmtpSink> {
  const received: Received[] = []
  const accepted: Accepted[] = []
  const sink = { received, accepted, offered: 0 } as SmtpSink
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo (address, _session, cb) {
      const refusal = rcpt?.(address.address)
      cb(refusal ? refuse(refusal) : undefined)
    },
    onData (stream, session: SMTPServerSession, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        sink.offered += 1
        const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map(r => r.address) }
        const accept = () => { accepted.push({ envelope, messageId: /^Message-ID: (.*)$/im.exec(raw)?.[1]?.trim() }) }
        if (!parse) {
          accept()
          return cb()
        }
        simpleParser(raw).then(mail => {
          const refusal = data?.(mail, sink.offered)
          if (refusal) return cb(refuse(refusal))
          accept()
          received.push({ envelope, raw, mail })
          cb()
        }, cb)
      })
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as { port: number }
  sink.url = `smtp://127.0.0.1:${port}`
  sink.close = () => new Promise<void>(resolve => server.close(() => resolve()))
  return sink
}

/** A clock that moves only when told. */
export function manualClock (start = new Date('2026-03-02T09:15:00.000Z')) {
  let now = start.getTime()
  return {
    now: () => new Date(now),
    advance: (seconds: number) => { now += seconds * 1000 }
  }
}

/** A logger that keeps what it is given, for tests that check what reaches the log. */
export function memoryLog () {
  const lines: Array<{ level: string, obj: object, msg: string }> = []
  const at = (level: string) => (obj: object, msg: string) => { lines.push({ level, obj, msg }) }
  return { lines, info: at('info'), warn: at('warn'), error: at('error') }
}

export const headerValue = (mail: ParsedMail, name: string) => mail.headerLines.filter(h => h.key === name.toLowerCase()).map(h => h.line)
