import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import nodemailer from 'nodemailer'
import type Mail from 'nodemailer/lib/mailer/index.js'
import type { Config } from '../config.ts'
import { oneLine } from './templates.ts'

// The one transport of the process: pooled SMTP when SMTP_URL is set, otherwise .eml files under
// MAIL_DIR so a fresh clone runs with nothing installed and a person can open what would have gone out.

export interface Address { name?: string, address: string }

export interface OutgoingMessage {
  from: string
  to: Address
  replyTo?: Address
  subject: string
  text: string
  html: string
  /** Generated once when the job is queued, so every retry carries the same Message-ID. */
  messageId: string
  headers?: Record<string, string>
  /** A word for the .eml file name (the email's kind); never an address. */
  label: string
}

export interface Mailer {
  /** Sends one message; resolves with the file written when the transport is files. */
  send: (message: OutgoingMessage) => Promise<{ file?: string }>
  close: () => void
}

export class InvalidAddressError extends Error {
  readonly code = 'invalid_address'
  constructor () {
    super('refusing to send to an address that is not one plain mailbox')
    this.name = 'InvalidAddressError'
  }
}

// One mailbox, nothing that could start another header or recipient (no whitespace, controls,
// commas, angle brackets or quotes); the intake's own check is stricter, this one guards the mail layer alone.
const MAILBOX = /^[^\s\u0000-\u001F\u007F-\u009F\u2028\u2029"(),:;<>[\\\]@]{1,64}@[^\s\u0000-\u001F\u007F-\u009F\u2028\u2029"(),:;<>[\\\]@]{1,253}$/u

/** The address as nodemailer takes it: an object, the display name on one line (nodemailer encodes it). */
export function safeAddress ({ name, address }: Address): Address {
  if (!MAILBOX.test(address)) throw new InvalidAddressError()
  const display = name === undefined ? '' : oneLine(name, 120)
  return display === '' ? { name: '', address } : { name: display, address }
}

/** The message nodemailer builds: fixed From, one-line subject, and an envelope naming exactly one recipient. */
export function toNodemailer (m: OutgoingMessage): Mail.Options {
  const to = safeAddress(m.to)
  return {
    from: m.from,
    to,
    ...(m.replyTo ? { replyTo: safeAddress(m.replyTo) } : {}),
    subject: oneLine(m.subject),
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    headers: m.headers,
    // The SMTP envelope is set, not derived from headers: nothing in the message can add a recipient.
    envelope: { from: m.from, to: [to.address] },
    // Our messages have no attachments; never let a path or URL in a message read a file or fetch.
    disableFileAccess: true,
    disableUrlAccess: true
  }
}

/** smtp[s]://user:pass@host:port → nodemailer options; smtps is implicit TLS, smtp may upgrade with STARTTLS. */
export function smtpOptions (smtpUrl: string, requireTls: boolean) {
  const url = new URL(smtpUrl)
  const secure = url.protocol === 'smtps:'
  return {
    pool: true as const,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: requireTls,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    maxConnections: 3,
    // Bounded well under the worker's lease, so a hung server cannot make two workers send one job.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000
  }
}

export function createMailer (mail: Pick<Config['mail'], 'smtpUrl' | 'requireTls' | 'dir'>): Mailer {
  if (mail.smtpUrl) {
    const transport = nodemailer.createTransport(smtpOptions(mail.smtpUrl, mail.requireTls))
    return {
      async send (message) {
        await transport.sendMail(toNodemailer(message))
        return {}
      },
      close: () => transport.close()
    }
  }
  const dir = resolve(mail.dir)
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  return {
    async send (message) {
      const info = await transport.sendMail(toNodemailer(message))
      mkdirSync(dir, { recursive: true })
      const id = message.messageId.replace(/^<|@.*$/g, '').replace(/[^A-Za-z0-9-]/g, '')
      const file = join(dir, `${message.label.replace(/[^a-z-]/g, '')}-${id}.eml`)
      // Written under a temporary name then renamed: a reader never sees half a message.
      writeFileSync(`${file}.tmp`, info.message as Buffer)
      renameSync(`${file}.tmp`, file)
      return { file }
    },
    close: () => transport.close()
  }
}
