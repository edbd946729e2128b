// Factories for form submissions: a valid one, changed only where a test says.

let counter = 0

export function validLead (overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1
  return {
    fullName: 'Amina El Idrissi',
    email: `amina.${counter}@example.ma`,
    projectType: 'implementation',
    details: `Nous voulons un assistant pour répondre aux questions de nos clients (demande ${counter}).`,
    ...overrides
  }
}

export function formEncode (fields: Record<string, unknown>): string {
  return new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString()
}
