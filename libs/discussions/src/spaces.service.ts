import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  Connection,
  byKeys,
  decodeCursor,
  encodeCursor,
  requestLoader,
  toConnection,
} from '@app/core';
import { DiscussionsError, DiscussionsErrorCode, isUniqueViolation } from './discussions.errors';
import { CreateSpaceInput } from './dto/space.inputs';
import { Actor, Reader, isStaff } from './reader';
import { SpaceEntity, SpaceVisibility } from './space.entity';
import { SpaceModel } from './space.model';

function toSpaceModel(space: SpaceEntity): SpaceModel {
  return {
    id: space.id,
    slug: space.slug,
    name: space.name,
    description: space.description,
    visibility: space.visibility,
    createdAt: space.createdAt,
  };
}

export function canRead(space: { visibility: SpaceVisibility }, reader: Reader): boolean {
  return space.visibility === SpaceVisibility.PUBLIC || reader !== null;
}

@Injectable()
export class SpacesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Moderators and admins create spaces. */
  async create(actor: Actor, input: CreateSpaceInput): Promise<SpaceModel> {
    if (!isStaff(actor)) {
      throw new DiscussionsError(
        DiscussionsErrorCode.NOT_ALLOWED,
        'Only moderators and admins may create spaces; ask one to add it.',
      );
    }
    const repo = this.dataSource.getRepository(SpaceEntity);
    try {
      const space = await repo.save(
        repo.create({
          slug: input.slug,
          name: input.name,
          description: input.description ?? '',
          visibility: input.visibility ?? SpaceVisibility.MEMBERS,
          createdById: actor.id,
        }),
      );
      return toSpaceModel(space);
    } catch (error) {
      if (isUniqueViolation(error, 'discussion_space_slug_key')) {
        throw DiscussionsError.invalid(
          DiscussionsErrorCode.SPACE_SLUG_TAKEN,
          'input.slug',
          'is taken',
          `A space with the slug "${input.slug}" exists already; pick another slug.`,
        );
      }
      throw error;
    }
  }

  /** Spaces by name; anonymous readers see PUBLIC ones only. */
  async page(
    reader: Reader,
    first: number,
    after?: string | null,
  ): Promise<Connection<SpaceModel>> {
    const query = this.dataSource
      .getRepository(SpaceEntity)
      .createQueryBuilder('s')
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC');
    if (!reader) query.where(`s.visibility = 'PUBLIC'`);
    const count = query.clone();
    if (after) {
      const [name, id] = decodeCursor(after, 2);
      query.andWhere('(s.name, s.id) > (:name, :id::uuid)', { name, id });
    }
    const [rows, total] = await Promise.all([query.take(first + 1).getMany(), count.getCount()]);
    return toConnection(
      rows,
      first,
      total,
      (row) => encodeCursor([row.name, row.id]),
      toSpaceModel,
      !!after,
    );
  }

  /** The space if this reader may read it. */
  async findReadable(slug: string, reader: Reader): Promise<SpaceModel | null> {
    const space = await this.dataSource.getRepository(SpaceEntity).findOneBy({ slug });
    return space && canRead(space, reader) ? toSpaceModel(space) : null;
  }

  /** For writers: the space by slug, or NOT_FOUND (members may post in any space). */
  async require(slug: string, manager: EntityManager = this.dataSource.manager) {
    const space = await manager.getRepository(SpaceEntity).findOneBy({ slug });
    if (!space) {
      throw DiscussionsError.invalid(
        DiscussionsErrorCode.SPACE_NOT_FOUND,
        'input.spaceSlug',
        'is not a space',
        `There is no space "${slug}": pick one from the spaces query.`,
      );
    }
    return space;
  }

  /** Spaces by id, batched per request (Thread.space). */
  loader(request: object): DataLoader<string, SpaceModel | null> {
    return requestLoader<string, SpaceModel | null>(request, 'discussions.space', async (ids) =>
      byKeys(
        ids,
        (await this.dataSource.getRepository(SpaceEntity).findBy({ id: In([...ids]) })).map(
          toSpaceModel,
        ),
        (space) => space.id,
        null,
      ),
    );
  }
}
