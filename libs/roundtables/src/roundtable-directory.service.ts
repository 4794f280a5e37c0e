import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Connection, toConnection } from '@app/core';
import { TagsService } from '@app/members';
import { decodeTimeCursor, encodeTimeCursor, timeKey } from './cursors';
import { RoundtableFilter } from './dto/roundtable.args';
import { toRoundtable } from './roundtable.mapper';
import { RoundtableEntity, RoundtableState } from './roundtable.entity';
import { RoundtableModel } from './roundtable.models';

const UPCOMING = [RoundtableState.SCHEDULED, RoundtableState.LIVE];

/**
 * The `roundtables` list: soonest first, keyset-paginated on (starts_at, id), two statements
 * (the page and its count) whatever the page size. Facilitators, counts and the viewer's
 * registration come through the per-request loaders.
 */
@Injectable()
export class RoundtableDirectory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tags: TagsService,
  ) {}

  async list(
    filter: RoundtableFilter | undefined,
    first: number,
    after: string | null | undefined,
    viewerId: string,
    onRows: (rows: RoundtableEntity[]) => void = () => undefined,
  ): Promise<Connection<RoundtableModel>> {
    const query = this.dataSource.getRepository(RoundtableEntity).createQueryBuilder('r');
    if (filter?.state) query.andWhere('r.state = :state', { state: filter.state });
    if (filter?.upcoming !== undefined && filter.upcoming !== null) {
      query.andWhere(
        filter.upcoming ? 'r.state IN (:...upcoming)' : 'r.state NOT IN (:...upcoming)',
        {
          upcoming: UPCOMING,
        },
      );
    }
    if (filter?.tag) {
      const [tag] = this.tags.normalise([filter.tag], 'filter.tag', 1);
      query.andWhere('r.tags @> ARRAY[:tag]::text[]', { tag });
    }
    if (filter?.facilitatorHandle) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM roundtable_facilitator f JOIN account a ON a.id = f.account_id
                  WHERE f.roundtable_id = r.id AND a.handle = :handle)`,
        { handle: filter.facilitatorHandle.trim().toLowerCase() },
      );
    }
    if (filter?.registered !== undefined && filter.registered !== null) {
      query.andWhere(
        `${filter.registered ? '' : 'NOT '}EXISTS (SELECT 1 FROM roundtable_registration g
                  WHERE g.roundtable_id = r.id AND g.account_id = :viewerId)`,
        { viewerId },
      );
    }
    const count = query.clone();
    const position = after ? decodeTimeCursor(after) : null;
    if (position) {
      query.andWhere('(r.starts_at, r.id) > (:afterTime::timestamptz, :afterId::uuid)', {
        afterTime: position.time,
        afterId: position.id,
      });
    }
    query
      .addSelect(timeKey('r.starts_at'), 'starts_key')
      .orderBy('r.starts_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(first + 1);
    const [{ entities, raw }, totalCount] = await Promise.all([
      query.getRawAndEntities<{ r_id: string; starts_key: string }>(),
      count.getCount(),
    ]);
    onRows(entities);
    const keys = new Map(raw.map((row) => [row.r_id, row.starts_key]));
    return toConnection(
      entities,
      first,
      totalCount,
      (row) => encodeTimeCursor({ time: keys.get(row.id) ?? '', id: row.id }),
      toRoundtable,
      position !== null,
    );
  }
}
