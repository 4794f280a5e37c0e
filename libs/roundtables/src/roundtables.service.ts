import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccountsService, FieldErrors, Role, ServerEvents, hasRole } from '@app/core';
import { TagsService } from '@app/members';
import { NotificationKind, NotificationsService } from '@app/notifications';
import { ScheduleRoundtableInput, UpdateRoundtableInput } from './dto/schedule-roundtable.input';
import { RegistrationEntity, RegistrationStatus } from './registration.entity';
import { RegistrationsService } from './registrations.service';
import {
  Actor,
  assertCanManage,
  assertFacilitator,
  facilitatorIdsOf,
  lockRoundtable,
  wrongState,
} from './roundtable-access';
import { RoundtableFacilitatorEntity } from './roundtable-facilitator.entity';
import { formatWhen, roundtablePath } from './roundtable.mapper';
import {
  MAX_TAGS,
  REMINDER_MINUTES,
  isOpen,
  missedCutoff,
  scheduleErrors,
  startRefusal,
} from './roundtable-rules';
import { RoundtableEntity, RoundtableState } from './roundtable.entity';
import { RoundtablesError } from './roundtables.errors';

/** What a member may do in a roundtable's room; the live room asks this before letting anyone in. */
export interface Participation {
  roundtable: RoundtableEntity;
  isFacilitator: boolean;
  isModerator: boolean;
  registration: RegistrationStatus | null;
  /** Facilitators, moderators and REGISTERED members, while the session is SCHEDULED or LIVE. */
  mayEnter: boolean;
}

/**
 * Scheduling and the life of a roundtable: SCHEDULED → LIVE → ENDED, or CANCELLED, or MISSED.
 * Every change takes the roundtable's row lock and raises its iCalendar SEQUENCE.
 */
@Injectable()
export class RoundtablesService {
  private readonly logger = new Logger(RoundtablesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly tags: TagsService,
    private readonly notifications: NotificationsService,
    private readonly registrations: RegistrationsService,
    private readonly events: ServerEvents,
  ) {}

  findById(id: string): Promise<RoundtableEntity | null> {
    return this.dataSource.getRepository(RoundtableEntity).findOneBy({ id });
  }

  /** The member schedules it and becomes its host; the host and the named members facilitate. */
  async schedule(actor: Actor, input: ScheduleRoundtableInput): Promise<RoundtableEntity> {
    const tags = this.tags.normalise(input.tags, 'input.tags', MAX_TAGS);
    const fields: FieldErrors = scheduleErrors(input, new Date(), true);
    const named = await this.resolveFacilitators(input.facilitatorHandles, actor.id, fields);
    await this.checkPrevious(input.previousRoundtableId ?? null, input.startsAt, null, fields);
    if (Object.keys(fields).length) throw RoundtablesError.invalid(fields);

    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(RoundtableEntity);
      const roundtable = await repo.save(
        repo.create({
          hostId: actor.id,
          title: input.title,
          description: input.description,
          startsAt: input.startsAt,
          durationMinutes: input.durationMinutes,
          capacity: input.capacity,
          chathamHouse: input.chathamHouse,
          agenda: input.agenda.map(({ title, minutes }) => ({ title, minutes })),
          tags,
          previousId: input.previousRoundtableId ?? null,
        }),
      );
      await this.setFacilitators(manager, roundtable.id, [actor.id, ...named]);
      await this.retag(manager, [], tags);
      return roundtable;
    });
  }

  /** Facilitators or moderators, while SCHEDULED; only the fields sent change. */
  async update(actor: Actor, id: string, input: UpdateRoundtableInput): Promise<RoundtableEntity> {
    const tags = input.tags ? this.tags.normalise(input.tags, 'input.tags', MAX_TAGS) : null;
    return this.dataSource.transaction(async (manager) => {
      const roundtable = await lockRoundtable(manager, id);
      await assertCanManage(manager, roundtable, actor, 'edit it');
      if (roundtable.state !== RoundtableState.SCHEDULED) {
        throw wrongState(roundtable, 'only a SCHEDULED roundtable can be edited.');
      }
      const startsAtChanged =
        !!input.startsAt && input.startsAt.getTime() !== roundtable.startsAt.getTime();
      const next = {
        startsAt: input.startsAt ?? roundtable.startsAt,
        durationMinutes: input.durationMinutes ?? roundtable.durationMinutes,
        agenda:
          input.agenda?.map(({ title, minutes }) => ({ title, minutes })) ?? roundtable.agenda,
      };
      const fields = scheduleErrors(next, new Date(), startsAtChanged);
      const named = input.facilitatorHandles
        ? await this.resolveFacilitators(input.facilitatorHandles, roundtable.hostId, fields)
        : null;
      const previousId =
        input.previousRoundtableId === undefined
          ? roundtable.previousId
          : (input.previousRoundtableId ?? null);
      if (input.previousRoundtableId || startsAtChanged) {
        await this.checkPrevious(previousId, next.startsAt, roundtable.id, fields);
      }
      if (Object.keys(fields).length) throw RoundtablesError.invalid(fields);

      if (named) {
        const facilitators = [roundtable.hostId, ...named];
        await this.setFacilitators(manager, roundtable.id, facilitators);
        // Facilitators need no seat: a new one's registration goes, and the seat is passed on.
        await manager
          .getRepository(RegistrationEntity)
          .createQueryBuilder()
          .delete()
          .where('roundtable_id = :id AND account_id IN (:...facilitators)', { id, facilitators })
          .execute();
      }
      if (tags) {
        await this.retag(manager, roundtable.tags, tags);
        roundtable.tags = tags;
      }
      const capacity = input.capacity ?? roundtable.capacity;
      const { registered } = await this.registrations.counts(manager, id);
      if (capacity < registered) {
        throw RoundtablesError.invalid({
          'input.capacity': [
            `cannot go below the ${registered} members already registered; ask some to cancel first`,
          ],
        });
      }
      Object.assign(roundtable, next, {
        title: input.title ?? roundtable.title,
        description: input.description ?? roundtable.description,
        capacity,
        chathamHouse: input.chathamHouse ?? roundtable.chathamHouse,
        previousId,
        sequence: roundtable.sequence + 1,
        // A new time deserves a new reminder.
        remindedAt: startsAtChanged ? null : roundtable.remindedAt,
      });
      const saved = await manager.getRepository(RoundtableEntity).save(roundtable);
      await this.registrations.rebalance(manager, saved);
      return saved;
    });
  }

  /** Facilitators or moderators, while SCHEDULED; everyone registered or waitlisted is told. */
  async cancel(actor: Actor, id: string, reason: string): Promise<RoundtableEntity> {
    return this.dataSource.transaction(async (manager) => {
      const roundtable = await lockRoundtable(manager, id);
      await assertCanManage(manager, roundtable, actor, 'cancel it');
      if (roundtable.state !== RoundtableState.SCHEDULED) {
        throw wrongState(
          roundtable,
          'only a SCHEDULED roundtable can be cancelled (a LIVE one is ended with endRoundtable).',
        );
      }
      const saved = await this.transition(manager, roundtable, RoundtableState.CANCELLED, {
        cancelReason: reason,
        cancelledAt: new Date(),
      });
      const recipients = new Set([
        ...(await this.registrations.holders(manager, id)),
        ...(await facilitatorIdsOf(manager, id)),
      ]);
      for (const memberId of recipients) {
        await this.notifications.notify(
          memberId,
          NotificationKind.ROUNDTABLE_CANCELLED,
          {
            title: `"${roundtable.title}" on ${formatWhen(roundtable.startsAt)} was cancelled: ${reason}`,
            link: roundtablePath(id),
            actorId: actor.id,
          },
          manager,
        );
      }
      return saved;
    });
  }

  /** A facilitator, from any time before the start until it is too late (see startRefusal). */
  async start(actor: Actor, id: string, now = new Date()): Promise<RoundtableEntity> {
    return this.dataSource.transaction(async (manager) => {
      const roundtable = await lockRoundtable(manager, id);
      await assertFacilitator(manager, roundtable, actor, 'start it');
      const refusal = startRefusal(roundtable, now);
      if (refusal) throw wrongState(roundtable, refusal);
      return this.transition(manager, roundtable, RoundtableState.LIVE, { startedAt: now });
    });
  }

  /** Facilitators or moderators, while LIVE. (The live room will write the record here.) */
  async end(actor: Actor, id: string): Promise<RoundtableEntity> {
    const ended = await this.dataSource.transaction(async (manager) => {
      const roundtable = await lockRoundtable(manager, id);
      await assertCanManage(manager, roundtable, actor, 'end it');
      if (roundtable.state !== RoundtableState.LIVE) {
        throw wrongState(roundtable, 'only a LIVE roundtable can be ended.');
      }
      return this.transition(manager, roundtable, RoundtableState.ENDED, { endedAt: new Date() });
    });
    // After COMMIT: the live room writes the record (room/record-writer.ts).
    await this.events.emit('roundtables.ended', { roundtableId: id });
    return ended;
  }

  /**
   * SCHEDULED sessions not started 30 minutes after `startsAt` become MISSED. One UPDATE whose
   * WHERE re-checks the state: running it on several nodes at once, or twice, is harmless.
   */
  async markMissed(now = new Date()): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH missed AS (
         UPDATE roundtable SET state = 'MISSED', sequence = sequence + 1, updated_at = now()
          WHERE state = 'SCHEDULED' AND starts_at < $1::timestamptz
          RETURNING id)
       SELECT id FROM missed`,
      [missedCutoff(now)],
    );
    if (rows.length) this.logger.log({ count: rows.length }, 'Roundtables marked MISSED');
    return rows.map((row) => row.id);
  }

  /**
   * Reminds registered members and facilitators of sessions starting within the hour. Each
   * roundtable is claimed by setting `reminded_at` in the same statement, so of several nodes
   * only one sends; the notices are stored when that transaction commits.
   */
  async sendReminders(now = new Date()): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const due: Array<{ id: string; title: string; starts_at: Date }> = await manager.query(
        `WITH due AS (
           UPDATE roundtable SET reminded_at = $1::timestamptz
            WHERE state = 'SCHEDULED' AND reminded_at IS NULL AND starts_at > $1::timestamptz
              AND starts_at <= $1::timestamptz + make_interval(mins => $2::int)
            RETURNING id, title, starts_at)
         SELECT id, title, starts_at FROM due`,
        [now, REMINDER_MINUTES],
      );
      if (!due.length) return [];
      const recipients: Array<{ roundtable_id: string; account_id: string }> = await manager.query(
        `SELECT roundtable_id, account_id FROM roundtable_registration
          WHERE roundtable_id = ANY($1::uuid[]) AND status = 'REGISTERED'
         UNION
         SELECT roundtable_id, account_id FROM roundtable_facilitator
          WHERE roundtable_id = ANY($1::uuid[])`,
        [due.map((row) => row.id)],
      );
      const byId = new Map(due.map((row) => [row.id, row]));
      for (const { roundtable_id: id, account_id: memberId } of recipients) {
        const roundtable = byId.get(id);
        if (!roundtable) continue;
        await this.notifications.notify(
          memberId,
          NotificationKind.ROUNDTABLE_REMINDER,
          {
            title: `"${roundtable.title}" starts at ${formatWhen(roundtable.starts_at)}.`,
            link: roundtablePath(id),
          },
          manager,
        );
      }
      return due.map((row) => row.id);
    });
  }

  /** Whether a member may enter the room, and as what (facilitator, moderator, registered). */
  async participationOf(roundtableId: string, member: Actor): Promise<Participation | null> {
    const roundtable = await this.findById(roundtableId);
    if (!roundtable) return null;
    const [row] = await this.dataSource.query<
      Array<{ facilitator: boolean; status: RegistrationStatus | null }>
    >(
      `SELECT EXISTS (SELECT 1 FROM roundtable_facilitator
                       WHERE roundtable_id = $1 AND account_id = $2) AS facilitator,
              (SELECT status FROM roundtable_registration
                WHERE roundtable_id = $1 AND account_id = $2) AS status`,
      [roundtableId, member.id],
    );
    const isModerator = hasRole(member, Role.MODERATOR);
    const registration = row?.status ?? null;
    const isFacilitator = row?.facilitator ?? false;
    return {
      roundtable,
      isFacilitator,
      isModerator,
      registration,
      mayEnter:
        isOpen(roundtable.state) &&
        (isFacilitator || isModerator || registration === RegistrationStatus.REGISTERED),
    };
  }

  private transition(
    manager: EntityManager,
    roundtable: RoundtableEntity,
    state: RoundtableState,
    change: Partial<RoundtableEntity>,
  ): Promise<RoundtableEntity> {
    Object.assign(roundtable, change, { state, sequence: roundtable.sequence + 1 });
    return manager.getRepository(RoundtableEntity).save(roundtable);
  }

  /** Account ids of the named co-facilitators, in order, without the host or repeats. */
  private async resolveFacilitators(
    handles: readonly string[],
    hostId: string,
    fields: FieldErrors,
  ): Promise<string[]> {
    const wanted = [...new Set(handles.map((handle) => handle.trim().toLowerCase()))];
    const accounts = await Promise.all(wanted.map((handle) => this.accounts.findByHandle(handle)));
    const unknown = wanted.filter((_handle, i) => !accounts[i] || accounts[i]?.deletedAt);
    if (unknown.length) {
      fields['input.facilitatorHandles'] = unknown.map(
        (handle) => `no member has the handle "${handle}"`,
      );
    }
    const ids = accounts.flatMap((account) => (account && !account.deletedAt ? [account.id] : []));
    return ids.filter((id) => id !== hostId);
  }

  /** The series link must name an existing roundtable that starts before this one. */
  private async checkPrevious(
    previousId: string | null,
    startsAt: Date,
    selfId: string | null,
    fields: FieldErrors,
  ): Promise<void> {
    if (!previousId) return;
    const previous = previousId === selfId ? null : await this.findById(previousId);
    if (!previous) {
      fields['input.previousRoundtableId'] = ['is not another roundtable'];
    } else if (previous.startsAt.getTime() >= startsAt.getTime()) {
      fields['input.previousRoundtableId'] = ['must start before this roundtable'];
    }
  }

  private async setFacilitators(
    manager: EntityManager,
    roundtableId: string,
    accountIds: string[],
  ): Promise<void> {
    const repo = manager.getRepository(RoundtableFacilitatorEntity);
    await repo.delete({ roundtableId });
    await repo.insert(
      accountIds.map((accountId, position) => ({ roundtableId, accountId, position })),
    );
  }

  /** Keeps the shared vocabulary's usage counts in step with the roundtable's tags. */
  private async retag(manager: EntityManager, before: string[], after: string[]): Promise<void> {
    const ids = await this.tags.ensure([...new Set([...before, ...after])], manager);
    const idsOf = (names: string[]) => names.flatMap((name) => ids.get(name) ?? []);
    await this.tags.adjustUsage(idsOf(before), -1, manager);
    await this.tags.adjustUsage(idsOf(after), 1, manager);
  }
}
