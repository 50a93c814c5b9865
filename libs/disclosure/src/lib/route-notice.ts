import type { OrganisationType } from '@throughcare/contracts';

import type { NoticeKind } from './notice-kind';
import type { RecipientRole } from './recipient-role';

export interface DirectoryEntry {
  organisationId: string;
  type: OrganisationType;
  localAuthorityCodes: readonly string[];
  establishments: readonly string[];
}

export interface Recipient {
  organisationId: string;
  role: RecipientRole;
}

/** What routing needs to know about a notice; nothing clinical. */
export interface RoutingFacts {
  kind: NoticeKind;
  /** ONS code of the release area, when known. */
  releaseArea?: string;
  /** The prison releasing (or, for a court release, holding) the person. */
  releasingEstablishment?: string;
  /** The prison the person moved to, for a transfer. */
  receivingEstablishment?: string;
  /** For a CJIT record request: the CJIT whose caseload holds the person (from the reception). */
  caseloadCjitOrganisationId?: string;
  /** The OM's probation organisation, set only when the person is on licence. */
  offenderManagerOrganisationId?: string;
  /** Everyone told about this custody episode before (for a changed release) or holding data (for a withdrawal). */
  previouslyTold: readonly Recipient[];
}

/** A recipient that should exist and does not: recorded and shown, never silently skipped. */
export interface RoutingGap {
  rule:
    | 'no-community-organisation-for-area'
    | 'no-offender-manager-organisation'
    | 'no-caseload-cjit-organisation'
    | 'no-prison-organisation';
  detail: string;
}

export interface Routing {
  recipients: Recipient[];
  gaps: RoutingGap[];
}

/** Who gets a notice (contract.md §4 "to whom"). Pure: directory in, recipients and gaps out. */
export function routeNotice(facts: RoutingFacts, directory: readonly DirectoryEntry[]): Routing {
  switch (facts.kind) {
    case 'RELEASE':
      return routeRelease(facts, directory);
    case 'UNPLANNED_RELEASE':
      return routeUnplanned(facts, directory);
    case 'RELEASE_CHANGED':
    case 'CONSENT_WITHDRAWN':
      return { recipients: unique(facts.previouslyTold), gaps: [] };
    case 'DIR_HANDOFF':
      return communityIn(facts.releaseArea, directory, ['COMMUNITY_PROVIDER', 'CJIT']);
    case 'BRIDGING_ISSUED':
      return communityIn(facts.releaseArea, directory, ['COMMUNITY_PROVIDER']);
    case 'TREATMENT_SUMMARY':
      return facts.offenderManagerOrganisationId
        ? offenderManager(facts, directory)
        : {
            recipients: [],
            gaps: [
              {
                rule: 'no-offender-manager-organisation',
                detail: 'no offender manager is on record for this release',
              },
            ],
          };
    case 'TRANSFER_CASE_FILE':
      return prisonAt(facts.receivingEstablishment, 'RECEIVING_PRISON', directory);
    case 'BRIDGING_REQUESTED':
    case 'NALOXONE_MISSING':
    case 'OST_RELEASED_WITHOUT_PLAN':
      return prisonAt(facts.releasingEstablishment, 'RELEASING_PRISON', directory);
    case 'CJIT_RECORD_REQUEST':
      return caseloadCjit(facts, directory);
  }
}

/**
 * A release notice goes to the area's community provider and CJIT, and the OM when on licence.
 * An area no community organisation covers raises a "no recipient" alert to the releasing
 * prison instead of a silence (the release plan must name a local provider, seeds/002_1eed16caf82e2044.txt:655).
 */
function routeRelease(facts: RoutingFacts, directory: readonly DirectoryEntry[]): Routing {
  const community = communityIn(facts.releaseArea, directory, ['COMMUNITY_PROVIDER', 'CJIT']);
  const om = offenderManager(facts, directory);
  const alert = community.recipients.length
    ? { recipients: [], gaps: [] }
    : prisonAt(facts.releasingEstablishment, 'RELEASING_PRISON', directory);
  return merge(community, om, alert);
}

/**
 * A court release goes at once to the area's CJIT and community provider, and the OM if known;
 * when the area is unknown or uncovered, to the holding prison's SPOC, who can find out where the
 * person went (seeds/004_4d2725de1c348b75.txt:566).
 */
function routeUnplanned(facts: RoutingFacts, directory: readonly DirectoryEntry[]): Routing {
  const community = communityIn(facts.releaseArea, directory, ['COMMUNITY_PROVIDER', 'CJIT']);
  const holding = community.recipients.length
    ? { recipients: [], gaps: [] }
    : prisonAt(facts.releasingEstablishment, 'RELEASING_PRISON', directory);
  return merge(community, holding, offenderManager(facts, directory));
}

function communityIn(
  area: string | undefined,
  directory: readonly DirectoryEntry[],
  types: ReadonlyArray<'COMMUNITY_PROVIDER' | 'CJIT'>,
): Routing {
  const recipients = area
    ? directory
        .filter(
          (o) =>
            (types as readonly OrganisationType[]).includes(o.type) &&
            o.localAuthorityCodes.includes(area),
        )
        .map((o) => ({ organisationId: o.organisationId, role: o.type as RecipientRole }))
    : [];
  const gaps: RoutingGap[] = recipients.length
    ? []
    : [
        {
          rule: 'no-community-organisation-for-area',
          detail: area
            ? `no ${types.join(' or ')} covers release area ${area}`
            : 'the release area is not known',
        },
      ];
  return { recipients, gaps };
}

/** Only the CJIT the reception named: it already holds the person (seeds/003_f42733e749d9adef.txt:589). */
function caseloadCjit(facts: RoutingFacts, directory: readonly DirectoryEntry[]): Routing {
  const id = facts.caseloadCjitOrganisationId;
  const found = directory.some((o) => o.type === 'CJIT' && o.organisationId === id);
  return found && id
    ? { recipients: [{ organisationId: id, role: 'CJIT' }], gaps: [] }
    : {
        recipients: [],
        gaps: [
          {
            rule: 'no-caseload-cjit-organisation',
            detail: id
              ? `the caseload CJIT ${id} is not in the directory`
              : 'the reception named no caseload CJIT',
          },
        ],
      };
}

function offenderManager(facts: RoutingFacts, directory: readonly DirectoryEntry[]): Routing {
  const id = facts.offenderManagerOrganisationId;
  if (!id) return { recipients: [], gaps: [] };
  const found = directory.some((o) => o.type === 'PROBATION' && o.organisationId === id);
  return found
    ? { recipients: [{ organisationId: id, role: 'OFFENDER_MANAGER' }], gaps: [] }
    : {
        recipients: [],
        gaps: [
          {
            rule: 'no-offender-manager-organisation',
            detail: `probation organisation ${id} is not registered`,
          },
        ],
      };
}

function prisonAt(
  establishment: string | undefined,
  role: 'RELEASING_PRISON' | 'RECEIVING_PRISON',
  directory: readonly DirectoryEntry[],
): Routing {
  const recipients = establishment
    ? directory
        .filter((o) => o.type === 'PRISON' && o.establishments.includes(establishment))
        .map((o) => ({ organisationId: o.organisationId, role }))
    : [];
  const gaps: RoutingGap[] = recipients.length
    ? []
    : [
        {
          rule: 'no-prison-organisation',
          detail: `no prison organisation covers ${establishment ?? 'an unknown establishment'}`,
        },
      ];
  return { recipients, gaps };
}

function merge(...parts: Routing[]): Routing {
  return {
    recipients: unique(parts.flatMap((p) => p.recipients)),
    gaps: parts.flatMap((p) => p.gaps),
  };
}

function unique(recipients: readonly Recipient[]): Recipient[] {
  const seen = new Map(recipients.map((r) => [`${r.organisationId}|${r.role}`, r]));
  return [...seen.values()];
}
