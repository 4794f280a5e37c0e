import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { Connection, byKeys, requestLoader } from '@app/core';
import { QuestionPage, QuestionsService } from './questions.service';
import { SeatCounts } from './registrations.service';
import { RegistrationEntity } from './registration.entity';
import { RoundtableFacilitatorEntity } from './roundtable-facilitator.entity';
import { RoundtableEntity } from './roundtable.entity';
import { QuestionModel } from './roundtable.models';

/**
 * Per-request DataLoaders: whatever the page size, each field of a list of roundtables costs
 * one statement in all (facilitators, counts, the viewer's registration, the viewer's votes).
 */
@Injectable()
export class RoundtablesLoaders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly questionsService: QuestionsService,
  ) {}

  byId(request: object): DataLoader<string, RoundtableEntity | null> {
    return requestLoader<string, RoundtableEntity | null>(
      request,
      'roundtables.byId',
      async (ids) =>
        byKeys(
          ids,
          await this.dataSource.getRepository(RoundtableEntity).findBy({ id: In([...ids]) }),
          (row) => row.id,
          null,
        ),
    );
  }

  /** Lets a list query hand its rows to `byId`, so `previous` or a reload costs nothing. */
  prime(request: object, rows: RoundtableEntity[]): void {
    const loader = this.byId(request);
    for (const row of rows) loader.clear(row.id).prime(row.id, row);
  }

  /** Facilitators' account ids, the host first. */
  facilitatorIds(request: object): DataLoader<string, string[]> {
    return requestLoader<string, string[]>(request, 'roundtables.facilitators', async (ids) => {
      const rows = await this.dataSource.getRepository(RoundtableFacilitatorEntity).find({
        where: { roundtableId: In([...ids]) },
        order: { roundtableId: 'ASC', position: 'ASC' },
      });
      const byRoundtable = new Map<string, string[]>(ids.map((id) => [id, []]));
      for (const row of rows) byRoundtable.get(row.roundtableId)?.push(row.accountId);
      return ids.map((id) => byRoundtable.get(id) ?? []);
    });
  }

  counts(request: object): DataLoader<string, SeatCounts> {
    return requestLoader<string, SeatCounts>(request, 'roundtables.counts', async (ids) => {
      const rows: Array<SeatCounts & { roundtable_id: string }> = await this.dataSource.query(
        `SELECT roundtable_id,
                count(*) FILTER (WHERE status = 'REGISTERED')::int AS registered,
                count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted
           FROM roundtable_registration WHERE roundtable_id = ANY($1::uuid[])
          GROUP BY roundtable_id`,
        [ids],
      );
      return byKeys(ids, rows, (row) => row.roundtable_id, { registered: 0, waitlisted: 0 });
    });
  }

  /** The viewer's own registration per roundtable. */
  registrationOf(request: object, viewerId: string): DataLoader<string, RegistrationEntity | null> {
    return requestLoader<string, RegistrationEntity | null>(
      request,
      `roundtables.registration:${viewerId}`,
      async (ids) =>
        byKeys(
          ids,
          await this.dataSource
            .getRepository(RegistrationEntity)
            .findBy({ accountId: viewerId, roundtableId: In([...ids]) }),
          (row) => row.roundtableId,
          null,
        ),
    );
  }

  /** Whether the viewer upvoted each question. */
  votedBy(request: object, viewerId: string): DataLoader<string, boolean> {
    return requestLoader<string, boolean>(request, `roundtables.voted:${viewerId}`, async (ids) => {
      const rows: Array<{ question_id: string }> = await this.dataSource.query(
        `SELECT question_id FROM roundtable_question_vote
          WHERE account_id = $1 AND question_id = ANY($2::uuid[])`,
        [viewerId, ids],
      );
      const voted = new Set(rows.map((row) => row.question_id));
      return ids.map((id) => voted.has(id));
    });
  }

  /** A page of questions per roundtable; one loader per distinct page arguments. */
  questions(request: object, page: QuestionPage): DataLoader<string, Connection<QuestionModel>> {
    const key = JSON.stringify([page.orderBy, page.first, page.after ?? null]);
    return requestLoader<string, Connection<QuestionModel>>(
      request,
      `roundtables.questions:${key}`,
      (ids) => this.questionsService.pages(ids, page),
    );
  }
}
