import { DataSource } from 'typeorm';
import { ReactionsService, reactionsFromRow, summarise } from './reactions.service';
import { ReactionKind } from './reaction-kind';

describe('ReactionsService reading', () => {
  const rows = [
    { id: 'r1', kind: ReactionKind.SAME_HERE, count: 2, mine: false },
    { id: 'r1', kind: ReactionKind.HELPFUL, count: 3, mine: true },
    { id: 'r2', kind: ReactionKind.INSIGHTFUL, count: 1, mine: null },
  ];

  function service() {
    const query = jest.fn().mockResolvedValue(rows);
    return { query, reactions: new ReactionsService({ query } as unknown as DataSource) };
  }

  it('lists all three kinds in order, zero where nobody reacted', () => {
    expect(summarise([{ kind: ReactionKind.SAME_HERE, count: 4, mine: true }])).toEqual([
      { kind: 'HELPFUL', count: 0, mine: false },
      { kind: 'INSIGHTFUL', count: 0, mine: false },
      { kind: 'SAME_HERE', count: 4, mine: true },
    ]);
  });

  it('loads every reply of a request in one statement', async () => {
    const { query, reactions } = service();
    const request = {};
    const loader = reactions.replyLoader(request, null);
    const [r1, r2, r3] = await Promise.all(['r1', 'r2', 'r3'].map((id) => loader.load(id)));
    expect(query).toHaveBeenCalledTimes(1);
    expect(r1.map((r) => [r.kind, r.count, r.mine])).toEqual([
      ['HELPFUL', 3, true],
      ['INSIGHTFUL', 0, false],
      ['SAME_HERE', 2, false],
    ]);
    expect(r2[1]).toEqual({ kind: 'INSIGHTFUL', count: 1, mine: false });
    expect(r3).toBe(reactions.none());
  });

  it('reads the reactions a reply-tree row carries, all three kinds in order', () => {
    const row = {
      helpful_count: 3,
      helpful_mine: true,
      insightful_count: 0,
      insightful_mine: false,
      same_here_count: 2,
      same_here_mine: false,
    };
    expect(reactionsFromRow(row)).toEqual([
      { kind: 'HELPFUL', count: 3, mine: true },
      { kind: 'INSIGHTFUL', count: 0, mine: false },
      { kind: 'SAME_HERE', count: 2, mine: false },
    ]);
    expect(reactionsFromRow({ helpful_count: null })).toBe(service().reactions.none());
  });
});
