import type { EmailName, EmailVars } from './emails.ts'

// Sample variables for every email: what `npm run email:preview` renders, and what the template
// tests render in every locale.

export const SAMPLES: { [N in EmailName]: EmailVars<N> } = {
  consultant: {
    leadUrl: 'http://localhost:3000/api/leads/0b7c4f3e-5d1a-4c2b-9e8f-1a2b3c4d5e6f',
    receivedAt: 'mardi 2 décembre 2025 à 10:42 UTC',
    lead: {
      fullName: 'Amina El Idrissi',
      email: 'amina@example.ma',
      company: 'Atlas Agro',
      phone: '+212 6 12 34 56 78',
      projectTypeRaw: 'Implémentation de solutions IA',
      details: 'Nous voulons un assistant qui répond aux questions de nos clients\nsur WhatsApp, en français et en darija.',
      locale: 'fr',
      consent: true,
      consentVersion: '2025-01'
    },
    origin: {
      pageUrl: 'https://example.com/contact',
      referrer: 'https://www.google.com/',
      utm: [{ name: 'utm_source', value: 'newsletter' }, { name: 'utm_campaign', value: 'automne' }]
    },
    classification: {
      projectType: { label: 'Implémentation de solutions IA', confidence: '82 %', evidence: 'assistant, répond' },
      sector: { label: 'Agriculture', confidence: '64 %', evidence: 'agro' },
      language: { label: 'fr', confidence: '97 %', evidence: null },
      capabilities: [{ label: 'Conversationnel', evidence: 'assistant, WhatsApp' }],
      score: 78,
      spamScore: '2 %',
      scoreReasons: [{ code: 'company', points: 10, detail: 'company given' }, { code: 'project_type', points: 25, detail: 'implementation' }]
    },
    acknowledgement: 'queued'
  },
  ack: { firstName: 'Amina', signature: 'Leadline' },
  alert: {
    reason: 'delivery_failed',
    since: '2025-12-02 10:00 UTC',
    kind: 'ack',
    errorCode: 'smtp_550',
    leadUrl: 'http://localhost:3000/api/leads/0b7c4f3e-5d1a-4c2b-9e8f-1a2b3c4d5e6f'
  }
}
