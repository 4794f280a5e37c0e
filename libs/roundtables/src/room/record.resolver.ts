import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedMember, Role, Viewer, hasRole } from '@app/core';
import { withPublicErrors } from '../field-errors';
import { RoundtableModel } from '../roundtable.models';
import { RoundtableRecordModel } from './record.model';
import { StoredRecord } from './record-writer';
import { RoomError, RoomErrorCode } from './room.errors';

const date = (iso: string | null) => (iso ? new Date(iso) : null);

export function toRecordModel(stored: StoredRecord): RoundtableRecordModel {
  return {
    roundtableId: stored.roundtableId,
    chathamHouse: stored.chathamHouse,
    startedAt: date(stored.startedAt),
    endedAt: date(stored.endedAt),
    agenda: stored.agenda.map((item) => ({
      ...item,
      startedAt: date(item.startedAt),
      endedAt: date(item.endedAt),
    })),
    transcript: stored.transcript.map((m) => ({ ...m, sentAt: new Date(m.sentAt) })),
    attendance: {
      ...stored.attendance,
      members: stored.attendance.members.map((a) => ({
        ...a,
        firstJoinedAt: new Date(a.firstJoinedAt),
      })),
    },
    parts: stored.parts,
  };
}

/** `roundtable(id) { record }`: for those who held a seat, its facilitators and moderators. */
@Resolver(() => RoundtableModel)
export class RecordResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @ResolveField(() => RoundtableRecordModel, {
    nullable: true,
    description:
      'What the session left behind (null until it ended). For its registered members, facilitators and moderators.',
  })
  async record(
    @Parent() roundtable: RoundtableModel,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<RoundtableRecordModel | null> {
    return withPublicErrors(() => this.load(roundtable.id, viewer));
  }

  private async load(
    roundtableId: string,
    viewer: AuthenticatedMember,
  ): Promise<RoundtableRecordModel | null> {
    const [row] = await this.dataSource.query<
      Array<{ allowed: boolean; record: StoredRecord | null }>
    >(
      `SELECT (EXISTS (SELECT 1 FROM roundtable_facilitator
                        WHERE roundtable_id = $1 AND account_id = $2)
               OR EXISTS (SELECT 1 FROM roundtable_registration
                           WHERE roundtable_id = $1 AND account_id = $2 AND status = 'REGISTERED')
               OR EXISTS (SELECT 1 FROM room_participant
                           WHERE roundtable_id = $1 AND account_id = $2)) AS allowed,
              (SELECT record FROM room_record WHERE roundtable_id = $1) AS record`,
      [roundtableId, viewer.id],
    );
    if (!row?.allowed && !hasRole(viewer, Role.MODERATOR)) {
      throw new RoomError(
        RoomErrorCode.RECORD_FORBIDDEN,
        'Only its registered members, facilitators and moderators may read a session’s record.',
      );
    }
    return row?.record ? toRecordModel(row.record) : null;
  }
}
