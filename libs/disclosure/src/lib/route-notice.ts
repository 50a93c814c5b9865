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
  /**
   * A community treatment provider that already knows the person, named at reception: it hears of
   * the release wherever the person is released (REL-08).
   */
  namedCommunityProviderOrganisationId?: string;
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
    | 'no-prison-organisation'
    | 'no-named-community-provider-organisation';
  detail: string;
}

export interface Routing {
  recipients: Recipient[];
  gaps: RoutingGap[];
}

/** Kinds that go to whoever an earlier notice of the release went to (and only those read it). */
export function routedToThoseToldBefore(kind: RoutingFacts['kind']): boolean {
  return kind === 'RELEASE_CHANGED' || kind === 'CONSENT_WITHDRAWN';
}

/** Who gets a notice (docs/hub-interface.md §4 "to whom"). Pure: directory in, recipients and gaps out. */
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
      return communityOf(facts, directory, ['COMMUNITY_PROVIDER', 'CJIT']);
    case 'BRIDGING_ISSUED':
      return communityOf(facts, directory, ['COMMUNITY_PROVIDER']);
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
    case 'OST_LAST_DOSE_GAP':
      return prisonAt(facts.releasingEstablishment, 'RELEASING_PRISON', directory);
    case 'CJIT_RECORD_REQUEST':
      return caseloadCjit(facts, directory);
  }
}

/**
 * A release notice goes to the area's community provider and CJIT, and the OM when on licence.
 * An area no community organisation covers raises a "no recipient" alert to the releasing
 * prison instead of a silence (the release plan must name a local provider, REL-04).
 */
function routeRelease(facts: RoutingFacts, directory: readonly DirectoryEntry[]): Routing {
  const community = communityOf(facts, directory, ['COMMUNITY_PROVIDER', 'CJIT']);
  const om = offenderManager(facts, directory);
  const alert = community.recipients.length
    ? { recipients: [], gaps: [] }
    : prisonAt(facts.releasingEstablishment, 'RELEASING_PRISON', directory);
  return merge(community, om, alert);
}

/**
 * A court release goes at once to the area's CJIT and community provider, and the OM if known;
 * when the area is unknown or uncovered, to the holding prison's SPOC, who can find out where the
 * person went (REL-05).
 */
function routeUnplanned(facts: RoutingFacts, directory: readonly DirectoryEntry[]): Routing {
  const community = communityOf(facts, directory, ['COMMUNITY_PROVIDER', 'CJIT']);
  const holding = community.recipients.length
    ? { recipients: [], gaps: [] }
    : prisonAt(facts.releasingEstablishment, 'RELEASING_PRISON', directory);
  return merge(community, holding, offenderManager(facts, directory));
}

/**
 * The release area's community organisations and the provider named at reception (REL-08): one
 * who already knows the person keeps them, wherever they are released. An area no one covers is
 * a gap only when the named provider does not stand in for it.
 */
function communityOf(
  facts: RoutingFacts,
  directory: readonly DirectoryEntry[],
  types: ReadonlyArray<'COMMUNITY_PROVIDER' | 'CJIT'>,
): Routing {
  const area = communityIn(facts.releaseArea, directory, types);
  const named = namedProvider(facts.namedCommunityProviderOrganisationId, directory);
  if (named.recipients.length === 0) return merge(area, named);
  return { recipients: unique([...area.recipients, ...named.recipients]), gaps: [] };
}

function namedProvider(id: string | undefined, directory: readonly DirectoryEntry[]): Routing {
  if (!id) return { recipients: [], gaps: [] };
  return directory.some((o) => o.type === 'COMMUNITY_PROVIDER' && o.organisationId === id)
    ? { recipients: [{ organisationId: id, role: 'COMMUNITY_PROVIDER' }], gaps: [] }
    : {
        recipients: [],
        gaps: [
          {
            rule: 'no-named-community-provider-organisation',
            detail: `the community provider ${id} named at reception is not registered`,
          },
        ],
      };
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

/** Only the CJIT the reception named: it already holds the person (DIR-06). */
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
