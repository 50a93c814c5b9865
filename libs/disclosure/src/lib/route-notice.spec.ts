import { routeNotice, type DirectoryEntry, type RoutingFacts } from './route-notice';

const LEEDS = 'E08000035';
const BRADFORD = 'E08000032';
const HARTLEPOOL = 'E06000001'; // no one registered

const directory: DirectoryEntry[] = [
  { organisationId: 'leeds-cjit', type: 'CJIT', localAuthorityCodes: [LEEDS], establishments: [] },
  {
    organisationId: 'leeds-cp',
    type: 'COMMUNITY_PROVIDER',
    localAuthorityCodes: [LEEDS],
    establishments: [],
  },
  {
    organisationId: 'bradford-cjit',
    type: 'CJIT',
    localAuthorityCodes: [BRADFORD],
    establishments: [],
  },
  {
    organisationId: 'yorkshire-probation',
    type: 'PROBATION',
    localAuthorityCodes: [LEEDS],
    establishments: [],
  },
  {
    organisationId: 'bradford-cp',
    type: 'COMMUNITY_PROVIDER',
    localAuthorityCodes: [BRADFORD],
    establishments: [],
  },
  { organisationId: 'hmp-leeds', type: 'PRISON', localAuthorityCodes: [], establishments: ['LEI'] },
  {
    organisationId: 'hmp-moorland',
    type: 'PRISON',
    localAuthorityCodes: [],
    establishments: ['MDI'],
  },
];

function facts(overrides: Partial<RoutingFacts>): RoutingFacts {
  return {
    kind: 'RELEASE',
    releaseArea: LEEDS,
    releasingEstablishment: 'LEI',
    offenderManagerOrganisationId: 'yorkshire-probation',
    previouslyTold: [],
    ...overrides,
  };
}

describe(routeNotice.name, () => {
  it("sends a release notice to the area's CJIT and community provider and the OM's probation service", () => {
    expect(routeNotice(facts({}), directory)).toEqual({
      recipients: [
        { organisationId: 'leeds-cjit', role: 'CJIT' },
        { organisationId: 'leeds-cp', role: 'COMMUNITY_PROVIDER' },
        { organisationId: 'yorkshire-probation', role: 'OFFENDER_MANAGER' },
      ],
      gaps: [],
    });
  });

  it('leaves probation out when the person is not on licence', () => {
    const routing = routeNotice(facts({ offenderManagerOrganisationId: undefined }), directory);
    expect(routing.recipients.map((r) => r.role)).toEqual(['CJIT', 'COMMUNITY_PROVIDER']);
    expect(routing.gaps).toEqual([]);
  });

  it('only tells the organisations covering the release area', () => {
    const routing = routeNotice(
      facts({ releaseArea: BRADFORD, offenderManagerOrganisationId: undefined }),
      directory,
    );
    expect(routing.recipients).toEqual([
      { organisationId: 'bradford-cjit', role: 'CJIT' },
      { organisationId: 'bradford-cp', role: 'COMMUNITY_PROVIDER' },
    ]);
  });

  it('raises a "no recipient" alert to the releasing prison for an area no one covers', () => {
    const routing = routeNotice(facts({ releaseArea: HARTLEPOOL }), directory);
    expect(routing.recipients).toEqual([
      { organisationId: 'yorkshire-probation', role: 'OFFENDER_MANAGER' },
      { organisationId: 'hmp-leeds', role: 'RELEASING_PRISON' },
    ]);
    expect(routing.gaps).toEqual([
      {
        rule: 'no-community-organisation-for-area',
        detail: `no COMMUNITY_PROVIDER or CJIT covers release area ${HARTLEPOOL}`,
      },
    ]);
  });

  it('names both gaps when neither the area nor the releasing prison is registered', () => {
    const routing = routeNotice(
      facts({
        releaseArea: HARTLEPOOL,
        releasingEstablishment: 'HLI',
        offenderManagerOrganisationId: undefined,
      }),
      directory,
    );
    expect(routing.recipients).toEqual([]);
    expect(routing.gaps.map((g) => g.rule)).toEqual([
      'no-community-organisation-for-area',
      'no-prison-organisation',
    ]);
  });

  it('names an offender manager whose probation organisation is not registered', () => {
    const routing = routeNotice(
      facts({ offenderManagerOrganisationId: 'durham-probation' }),
      directory,
    );
    expect(routing.recipients.map((r) => r.organisationId)).toEqual(['leeds-cjit', 'leeds-cp']);
    expect(routing.gaps).toEqual([
      {
        rule: 'no-offender-manager-organisation',
        detail: 'probation organisation durham-probation is not registered',
      },
    ]);
  });

  it("sends a court release to the area's CJIT and provider when the area is known", () => {
    const routing = routeNotice(
      facts({ kind: 'UNPLANNED_RELEASE', offenderManagerOrganisationId: undefined }),
      directory,
    );
    expect(routing.recipients.map((r) => r.organisationId)).toEqual(['leeds-cjit', 'leeds-cp']);
  });

  it("falls back to the holding prison's SPOC when a court release's area is unknown", () => {
    const routing = routeNotice(
      facts({
        kind: 'UNPLANNED_RELEASE',
        releaseArea: undefined,
        offenderManagerOrganisationId: undefined,
      }),
      directory,
    );
    expect(routing.recipients).toEqual([{ organisationId: 'hmp-leeds', role: 'RELEASING_PRISON' }]);
    expect(routing.gaps).toEqual([
      { rule: 'no-community-organisation-for-area', detail: 'the release area is not known' },
    ]);
  });

  it('falls back to the holding prison for a court release to an uncovered area, and still tells the OM', () => {
    const routing = routeNotice(
      facts({ kind: 'UNPLANNED_RELEASE', releaseArea: HARTLEPOOL }),
      directory,
    );
    expect(routing.recipients).toEqual([
      { organisationId: 'hmp-leeds', role: 'RELEASING_PRISON' },
      { organisationId: 'yorkshire-probation', role: 'OFFENDER_MANAGER' },
    ]);
  });

  it('sends the transfer case file to the receiving prison, not the sending one', () => {
    const routing = routeNotice(
      facts({ kind: 'TRANSFER_CASE_FILE', receivingEstablishment: 'MDI' }),
      directory,
    );
    expect(routing).toEqual({
      recipients: [{ organisationId: 'hmp-moorland', role: 'RECEIVING_PRISON' }],
      gaps: [],
    });
  });

  it('names the gap when the receiving prison is not registered', () => {
    const routing = routeNotice(
      facts({ kind: 'TRANSFER_CASE_FILE', receivingEstablishment: 'HLI' }),
      directory,
    );
    expect(routing.recipients).toEqual([]);
    expect(routing.gaps).toEqual([
      { rule: 'no-prison-organisation', detail: 'no prison organisation covers HLI' },
    ]);
  });

  it('sends a rescheduled or cancelled release to exactly those told before, once each', () => {
    const told = [
      { organisationId: 'bradford-cjit', role: 'CJIT' as const },
      { organisationId: 'bradford-cjit', role: 'CJIT' as const },
      { organisationId: 'hmp-leeds', role: 'RELEASING_PRISON' as const },
    ];
    expect(
      routeNotice(facts({ kind: 'RELEASE_CHANGED', previouslyTold: told }), directory).recipients,
    ).toEqual([
      { organisationId: 'bradford-cjit', role: 'CJIT' },
      { organisationId: 'hmp-leeds', role: 'RELEASING_PRISON' },
    ]);
  });

  it('sends a consent withdrawal to the holders only', () => {
    const holders = [{ organisationId: 'leeds-cjit', role: 'CJIT' as const }];
    expect(
      routeNotice(facts({ kind: 'CONSENT_WITHDRAWN', previouslyTold: holders }), directory)
        .recipients,
    ).toEqual(holders);
  });

  it('sends the treatment summary to the OM only, and names a missing OM', () => {
    expect(routeNotice(facts({ kind: 'TREATMENT_SUMMARY' }), directory).recipients).toEqual([
      { organisationId: 'yorkshire-probation', role: 'OFFENDER_MANAGER' },
    ]);
    expect(
      routeNotice(
        facts({ kind: 'TREATMENT_SUMMARY', offenderManagerOrganisationId: undefined }),
        directory,
      ).gaps,
    ).toHaveLength(1);
  });

  it('sends a bridging request and a missing-naloxone notice to the releasing prison, an issued script to the provider', () => {
    expect(routeNotice(facts({ kind: 'BRIDGING_REQUESTED' }), directory).recipients).toEqual([
      { organisationId: 'hmp-leeds', role: 'RELEASING_PRISON' },
    ]);
    expect(routeNotice(facts({ kind: 'NALOXONE_MISSING' }), directory).recipients).toEqual([
      { organisationId: 'hmp-leeds', role: 'RELEASING_PRISON' },
    ]);
    expect(routeNotice(facts({ kind: 'BRIDGING_ISSUED' }), directory).recipients).toEqual([
      { organisationId: 'leeds-cp', role: 'COMMUNITY_PROVIDER' },
    ]);
  });

  it('sends the DIR handoff to the area CJIT and provider', () => {
    expect(
      routeNotice(facts({ kind: 'DIR_HANDOFF' }), directory).recipients.map((r) => r.role),
    ).toEqual(['CJIT', 'COMMUNITY_PROVIDER']);
  });

  it('asks only the caseload CJIT for its record, and names it when it is not registered', () => {
    expect(
      routeNotice(
        facts({ kind: 'CJIT_RECORD_REQUEST', caseloadCjitOrganisationId: 'bradford-cjit' }),
        directory,
      ),
    ).toEqual({ recipients: [{ organisationId: 'bradford-cjit', role: 'CJIT' }], gaps: [] });
    expect(
      routeNotice(
        facts({ kind: 'CJIT_RECORD_REQUEST', caseloadCjitOrganisationId: 'wakefield-cjit' }),
        directory,
      ),
    ).toEqual({
      recipients: [],
      gaps: [
        {
          rule: 'no-caseload-cjit-organisation',
          detail: 'the caseload CJIT wakefield-cjit is not in the directory',
        },
      ],
    });
    // A prison's id is not a CJIT, whatever the reception said.
    expect(
      routeNotice(
        facts({ kind: 'CJIT_RECORD_REQUEST', caseloadCjitOrganisationId: 'hmp-leeds' }),
        directory,
      ).recipients,
    ).toEqual([]);
  });

  it('alerts the releasing prison when someone on OST leaves without a plan', () => {
    expect(routeNotice(facts({ kind: 'OST_RELEASED_WITHOUT_PLAN' }), directory).recipients).toEqual(
      [{ organisationId: 'hmp-leeds', role: 'RELEASING_PRISON' }],
    );
  });
  describe('the community provider named at reception (REL-08)', () => {
    const named = { namedCommunityProviderOrganisationId: 'bradford-cp' };

    it.each(['RELEASE', 'UNPLANNED_RELEASE', 'DIR_HANDOFF', 'BRIDGING_ISSUED'] as const)(
      'a %s notice reaches it too, wherever the person is released',
      (kind) => {
        const routing = routeNotice(facts({ kind, ...named }), directory);
        expect(routing.recipients).toContainEqual({
          organisationId: 'bradford-cp',
          role: 'COMMUNITY_PROVIDER',
        });
        expect(routing.recipients).toContainEqual({
          organisationId: 'leeds-cp',
          role: 'COMMUNITY_PROVIDER',
        });
      },
    );

    it('an area no one covers still reaches it, so the prison has no "no recipient" alert to send', () => {
      const routing = routeNotice(facts({ releaseArea: HARTLEPOOL, ...named }), directory);
      expect(routing.recipients).toEqual([
        { organisationId: 'bradford-cp', role: 'COMMUNITY_PROVIDER' },
        { organisationId: 'yorkshire-probation', role: 'OFFENDER_MANAGER' },
      ]);
    });

    it('is never a recipient of what belongs to the prison or the OM', () => {
      for (const kind of ['BRIDGING_REQUESTED', 'TREATMENT_SUMMARY', 'NALOXONE_MISSING'] as const)
        expect(routeNotice(facts({ kind, ...named }), directory).recipients).not.toContainEqual(
          expect.objectContaining({ organisationId: 'bradford-cp' }),
        );
    });

    it('names the gap when it is not registered as a community provider', () => {
      const routing = routeNotice(
        facts({ namedCommunityProviderOrganisationId: 'leeds-cjit' }),
        directory,
      );
      expect(routing.gaps).toEqual([
        expect.objectContaining({ rule: 'no-named-community-provider-organisation' }),
      ]);
    });
  });
});
