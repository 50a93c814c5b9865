import { consumerGroupLag } from './delivery-backlog';

describe('consumerGroupLag', () => {
  it('sums what the group has not committed on each partition', () => {
    expect(
      consumerGroupLag(
        [
          { partition: 0, high: '10' },
          { partition: 1, high: '7' },
        ],
        [
          { partition: 0, offset: '4' },
          { partition: 1, offset: '7' },
        ],
      ),
    ).toBe(6);
  });

  it('counts a partition the group never committed (offset -1 or absent) from its start', () => {
    expect(
      consumerGroupLag(
        [
          { partition: 0, high: '5' },
          { partition: 1, high: '3' },
        ],
        [{ partition: 0, offset: '-1' }],
      ),
    ).toBe(8);
  });

  it('never answers a negative lag', () => {
    expect(consumerGroupLag([{ partition: 0, high: '2' }], [{ partition: 0, offset: '5' }])).toBe(
      0,
    );
  });
});
