// The sales pipeline (issue 5): new → contacted → qualified → proposal → won | lost, plus spam and
// archived. Which moves are allowed is data, so the 409 answer can list them.

export const STATUSES = ['new', 'contacted', 'qualified', 'proposal', 'won', 'lost', 'spam', 'archived'] as const
export type Status = typeof STATUSES[number]

export const TRANSITIONS: Record<Status, readonly Status[]> = {
  new: ['contacted', 'qualified', 'lost', 'spam', 'archived'],
  contacted: ['qualified', 'lost', 'spam', 'archived'],
  qualified: ['proposal', 'lost', 'archived'],
  proposal: ['won', 'lost', 'archived'],
  won: ['archived'],
  // A lost lead can come back to life.
  lost: ['contacted', 'archived'],
  // Not spam after all: back to the start of the pipeline (and its notifications go out).
  spam: ['new', 'archived'],
  archived: []
}

export function allowedTransitions (from: string): readonly Status[] {
  return (TRANSITIONS as Record<string, readonly Status[] | undefined>)[from] ?? []
}

export function canTransition (from: string, to: Status): boolean {
  return allowedTransitions(from).includes(to)
}
