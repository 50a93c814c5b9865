import type { DisclosureRecordView } from './disclosure-audit.queries';
import { disclosuresToCsv } from './disclosure-export.csv';

const RECORD: DisclosureRecordView = {
  decisionId: '0b9f6b7e-7d5c-4d53-9a53-5b6f1a0c2b11',
  noticeId: '4a3b2c1d-0e9f-4a8b-8c7d-6e5f4a3b2c1d',
  noticeType: 'throughcare.notice.release.six-weeks',
  prisonNumber: 'A1234BC',
  deliveryId: null,
  organisationId: 'leeds-cjit',
  recipientRole: 'CJIT',
  decision: 'SEND',
  rule: 'community-consented-signed-plan',
  citation: 'DIS-04',
  fields: ['releaseDate', 'establishment'],
  consentVersion: 3,
  riskOverrideId: null,
  decidedAt: '2026-11-05T09:00:00.000Z',
  receivedAt: '2026-11-05T09:00:01.000Z',
};

describe(disclosuresToCsv.name, () => {
  it('writes a header row and one row per decision, nulls empty and fields joined by ;', () => {
    expect(disclosuresToCsv([RECORD]).split('\r\n')).toEqual([
      'decisionId,noticeId,noticeType,prisonNumber,deliveryId,organisationId,recipientRole,decision,rule,citation,fields,consentVersion,riskOverrideId,decidedAt,receivedAt',
      '0b9f6b7e-7d5c-4d53-9a53-5b6f1a0c2b11,4a3b2c1d-0e9f-4a8b-8c7d-6e5f4a3b2c1d,throughcare.notice.release.six-weeks,A1234BC,,leeds-cjit,CJIT,SEND,community-consented-signed-plan,DIS-04,releaseDate;establishment,3,,2026-11-05T09:00:00.000Z,2026-11-05T09:00:01.000Z',
      '',
    ]);
  });

  it.each([
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "no"', '"say ""no"""'],
    ['a line break', 'a\nb', '"a\nb"'],
    ['a formula', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['a leading minus', '-1', "'-1"],
  ])('quotes a cell with %s', (_case, rule, expected) => {
    const [, row] = disclosuresToCsv([{ ...RECORD, rule }]).split('\r\n');
    expect(row).toContain(`,SEND,${expected},DIS-04,`);
  });

  it('writes only the header when there is nothing to export', () => {
    expect(disclosuresToCsv([])).toBe(
      'decisionId,noticeId,noticeType,prisonNumber,deliveryId,organisationId,recipientRole,decision,rule,citation,fields,consentVersion,riskOverrideId,decidedAt,receivedAt\r\n',
    );
  });
});
