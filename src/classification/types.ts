import type { Capability, Language, ProjectType, Sector } from './taxonomy.ts'

export interface ClassificationInput {
  fullName: string
  email: string
  projectType?: string | null
  details: string
  company?: string | null
}

export interface ScoreReason { code: string, points: number, detail: string }

export interface Classification {
  projectType: ProjectType
  sector: Sector
  capabilities: Capability[]
  language: Language
  spam: boolean
  /** 0..1: how spam-like the submission is; `spam` is true from SPAM_THRESHOLD up. */
  spamScore: number
  /** Triage priority 0-100, 0 for spam. */
  score: number
  scoreReasons: ScoreReason[]
  /** 0..1 per axis. */
  confidence: { projectType: number, sector: number, capabilities: number, language: number, spam: number }
  /** The words and signals behind each decision, for a consultant to see why. */
  evidence: {
    projectType: string[]
    sector: string[]
    capabilities: Partial<Record<Capability, string[]>>
    language: string[]
    spam: string[]
  }
  classifierVersion: string
}

export interface Labels {
  projectType: ProjectType
  sector: Sector
  capabilities: Capability[]
  language: Language
  spam: boolean
}

/** A labelled submission: an item of the development set, or a lead a consultant corrected (any axis may be missing). */
export interface TrainingExample {
  input: ClassificationInput
  labels: Partial<Labels>
}
