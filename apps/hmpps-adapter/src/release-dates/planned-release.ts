import type { ReceptionType, ReleaseType } from '@throughcare/contracts';

/**
 * The part of a Prisoner Search `Prisoner` the adapter reads (docs/hmpps-adapter.md, "What we
 * read"): dates are `yyyy-MM-dd`, each optional.
 */
export interface SearchPrisoner {
  prisonerNumber: string;
  prisonId?: string;
  legalStatus?: string;
  recall?: boolean;
  releaseDate?: string;
  confirmedReleaseDate?: string;
  conditionalReleaseDate?: string;
  automaticReleaseDate?: string;
  postRecallReleaseDate?: string;
  homeDetentionCurfewActualDate?: string;
  actualParoleDate?: string;
  sentenceExpiryDate?: string;
  licenceExpiryDate?: string;
}

export interface PlannedRelease {
  releaseDate: string;
  releaseType: ReleaseType;
  onLicence: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Which Prisoner Search date a release date is, most specific first (HMPPS-8): a confirmed
// or computed release date is matched to the date it came from to name the release type.
const DATE_TYPES: readonly [keyof SearchPrisoner, ReleaseType][] = [
  ['homeDetentionCurfewActualDate', 'HOME_DETENTION_CURFEW'],
  ['actualParoleDate', 'PAROLE'],
  ['postRecallReleaseDate', 'CONDITIONAL_RELEASE'],
  ['conditionalReleaseDate', 'CONDITIONAL_RELEASE'],
  ['automaticReleaseDate', 'AUTOMATIC_RELEASE'],
  ['sentenceExpiryDate', 'SENTENCE_EXPIRY'],
];

function dateOf(prisoner: SearchPrisoner, field: keyof SearchPrisoner): string | undefined {
  const value = prisoner[field];
  return typeof value === 'string' && DATE.test(value) ? value : undefined;
}

/**
 * The planned release Prisoner Search gives: its confirmed release date, else its release date
 * (NOMIS's pick among the sentence dates); none when it has neither. The type is the date it
 * matches; on licence when the licence runs past the release date.
 */
export function plannedReleaseOf(prisoner: SearchPrisoner): PlannedRelease | undefined {
  const releaseDate = dateOf(prisoner, 'confirmedReleaseDate') ?? dateOf(prisoner, 'releaseDate');
  if (!releaseDate) return undefined;
  const matched = DATE_TYPES.find(([field]) => dateOf(prisoner, field) === releaseDate);
  const releaseType: ReleaseType = matched
    ? matched[1]
    : prisoner.recall
      ? 'CONDITIONAL_RELEASE'
      : remandOrAutomatic(prisoner);
  const licenceEnds = dateOf(prisoner, 'licenceExpiryDate');
  return {
    releaseDate,
    releaseType,
    onLicence: licenceEnds !== undefined && licenceEnds > releaseDate,
  };
}

function remandOrAutomatic(prisoner: SearchPrisoner): ReleaseType {
  return receptionTypeOf(prisoner) === 'REMAND' ? 'REMAND_RELEASE' : 'AUTOMATIC_RELEASE';
}

// Prisoner Search legalStatus values that mean the person is not (yet) serving a sentence.
const REMAND_STATUSES = new Set(['REMAND', 'CONVICTED_UNSENTENCED', 'IMMIGRATION_DETAINEE']);

/** The hub's reception type from Prisoner Search; REMAND when it is not known. */
export function receptionTypeOf(prisoner: SearchPrisoner | undefined): ReceptionType {
  if (!prisoner) return 'REMAND';
  if (prisoner.legalStatus === 'RECALL' || prisoner.recall === true) return 'RECALL';
  if (!prisoner.legalStatus || REMAND_STATUSES.has(prisoner.legalStatus)) return 'REMAND';
  return 'SENTENCED';
}
